package importer_test

import (
	"errors"
	"fmt"

	"codeberg.org/verbatim/verbatim/model/importer"
)

func ExampleReadBytes() {
	transcript := "Date: 3 May 2023\n\nAna [00:00:05]: Welkom!\nBen [00:00:09]: Dank je.\nAna [00:00:12]: Zullen we beginnen?\nBen [00:00:15]: Ja.\n"
	doc, err := importer.ReadBytes("interview.txt", []byte(transcript), importer.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(doc.Format, doc.Attributes)
	text := []rune(doc.Text)
	for _, t := range doc.Turns {
		fmt.Printf("%q at %v: %q\n", t.Speaker, t.Begin, string(text[t.Start:t.End]))
	}
	// Output:
	// txt [{date 3 May 2023}]
	// "" at 0s: "Date: 3 May 2023"
	// "Ana" at 5s: "Ana [00:00:05]: Welkom!"
	// "Ben" at 9s: "Ben [00:00:09]: Dank je."
	// "Ana" at 12s: "Ana [00:00:12]: Zullen we beginnen?"
	// "Ben" at 15s: "Ben [00:00:15]: Ja."
}

func ExampleReadBytes_error() {
	_, err := importer.ReadBytes("Ana.docx", []byte("PK\x03\x04 not really a zip"), importer.Options{})
	fmt.Println("Ana.docx:", err)
	fmt.Println(errors.Is(err, importer.ErrDamaged))
	// Output:
	// Ana.docx: not a Word document (the file is damaged or is another format)
	// true
}
