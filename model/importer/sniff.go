package importer

import (
	"bytes"
	"path/filepath"
	"strings"
)

var (
	magicPDF = []byte("%PDF-")
	magicZip = []byte("PK\x03\x04")
	magicCFB = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	magicRTF = []byte(`{\rtf`)
	bomUTF8  = []byte{0xEF, 0xBB, 0xBF}
)

// detectFormat decides how to read a file from its content first and its
// name second, and refuses what cannot be a transcript.
func detectFormat(name string, data []byte) (string, error) {
	ext := extensions[strings.ToLower(filepath.Ext(name))]
	head := data[:min(len(data), 1024)]
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(head, bomUTF8), " \t\r\n")
	raw := strings.ToLower(filepath.Ext(name))
	if isREFI(raw, data) {
		return "", refuseREFI(name, data)
	}
	switch {
	case bytes.HasPrefix(trimmed, magicPDF), ext == "pdf" && bytes.Contains(head, magicPDF):
		return "pdf", nil
	case bytes.HasPrefix(data, magicZip), bytes.HasPrefix(data, []byte("PK\x05\x06")):
		format, err := zipFormat(data, ext)
		if noun, other := otherFormats[raw]; err != nil && other {
			return "", failLabel(ErrUnsupported, nil, refusalLabel(noun, raw))
		}
		return format, err
	case bytes.HasPrefix(data, magicCFB):
		return "", oleError(data, ext)
	case bytes.HasPrefix(trimmed, magicRTF):
		return "rtf", nil
	case bytes.HasPrefix(trimmed, []byte("WEBVTT")):
		return "vtt", nil
	}
	if noun, ok := otherFormats[raw]; ok {
		return "", failLabel(ErrUnsupported, nil, refusalLabel(noun, raw))
	}
	if err := refuseContent(trimmed, data); err != nil {
		return "", err
	}
	switch ext {
	case "docx", "odt", "pdf", "doc":
		if looksHTML(trimmed) {
			return "html", nil // Word's "web page" saved under a Word name
		}
		return "", damaged(formatNoun[ext], nil)
	case "rtf":
		return "", damaged(formatNoun[ext], nil)
	case "txt", "md", "html", "srt":
		return ext, nil
	case "vtt":
		if looksSRT(trimmed) {
			return "srt", nil
		}
		return "", damaged(formatNoun[ext], nil)
	}
	switch {
	case looksHTML(trimmed):
		return "html", nil
	case looksSRT(trimmed):
		return "srt", nil
	}
	return "txt", nil
}

// formatNoun names each format in messages such as "not a Word document".
var formatNoun = map[string]string{
	"docx": "a Word document", "doc": "a Word document", "odt": "an OpenDocument text",
	"pdf": "a PDF document", "rtf": "an RTF document", "vtt": "a WebVTT subtitle file",
	"srt": "a SubRip subtitle file", "html": "a web page",
}

// looksHTML reports whether the start of a file is HTML markup.
func looksHTML(head []byte) bool {
	lower := bytes.ToLower(head)
	for _, p := range []string{"<!doctype html", "<html", "<?xml", "<head", "<body", "<meta", "<p>", "<div"} {
		if bytes.HasPrefix(lower, []byte(p)) {
			return p != "<?xml" || bytes.Contains(lower, []byte("<html"))
		}
	}
	return bytes.HasPrefix(lower, []byte("<!--")) && bytes.Contains(lower, []byte("<html"))
}

// looksSRT reports whether a file starts like SubRip: a cue number, then a
// "00:00:01,000 --> 00:00:02,000" line.
func looksSRT(head []byte) bool {
	first, rest, ok := bytes.Cut(head, []byte("\n"))
	if !ok || len(bytes.TrimSpace(first)) == 0 {
		return false
	}
	for _, c := range bytes.TrimSpace(first) {
		if c < '0' || c > '9' {
			return false
		}
	}
	second, _, _ := bytes.Cut(rest, []byte("\n"))
	return bytes.Contains(second, []byte("-->"))
}

// oleError explains an OLE compound file: Office keeps password-protected
// .docx files in one, and Word 97–2003 its .doc files.
func oleError(data []byte, ext string) error {
	if bytes.Contains(data, utf16Name("EncryptedPackage")) {
		return failf(ErrEncrypted, nil, "the Word document is password-protected (remove the password in Word and import it again)")
	}
	if ext == "doc" || ext == "docx" || bytes.Contains(data, utf16Name("WordDocument")) {
		return failf(ErrUnsupported, nil, "an old Word 97–2003 document (.doc): open it in Word or LibreOffice and save it as .docx")
	}
	return failf(ErrUnsupported, nil, "an old Microsoft Office file, not a document Verbatim imports")
}

// utf16Name encodes an ASCII stream name the way OLE directories store it.
func utf16Name(s string) []byte {
	b := make([]byte, 0, 2*len(s))
	for i := 0; i < len(s); i++ {
		b = append(b, s[i], 0)
	}
	return b
}
