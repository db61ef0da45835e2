package importer

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"

	"codeberg.org/verbatim/verbatim/model"
)

// refiExtensions are the file extensions of REFI-QDA exchange files.
var refiExtensions = map[string]string{
	".qdpx": "a REFI-QDA project (.qdpx)",
	".qde":  "a REFI-QDA project file (.qde)",
	".qdc":  "a REFI-QDA codebook (.qdc)",
}

// isREFI reports whether a file is a REFI-QDA project or codebook, by its
// extension or its content: a zip holding project.qde, or QDA-XML.
func isREFI(ext string, data []byte) bool {
	if _, ok := refiExtensions[ext]; ok {
		return true
	}
	if bytes.HasPrefix(data, magicZip) {
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		return err == nil && findFile(zr, "project.qde") != nil
	}
	head := data[:min(len(data), 4096)]
	return bytes.Contains(head, []byte("urn:QDA-XML:"))
}

// ErrExchangeFile is matched by errors.Is for a REFI-QDA file met in an
// import: it is not a transcript, and goes to Options.Exchange when set.
var ErrExchangeFile = errors.New("a REFI-QDA exchange file")

// refuseREFI is where REFI-QDA files go (detectFormat sends them here
// before anything else reads them): they are not transcripts. ImportPaths
// hands them to Options.Exchange (the REFI-QDA reader); without one they
// are refused with a reason that names the format and says what to do.
func refuseREFI(name string, data []byte) error {
	ext := strings.ToLower(filepath.Ext(name))
	what, ok := refiExtensions[ext]
	if !ok {
		what = "a REFI-QDA project"
		if bytes.Contains(data[:min(len(data), 4096)], []byte("urn:QDA-XML:codebook")) {
			what = "a REFI-QDA codebook"
		}
	}
	if strings.Contains(what, "codebook") {
		return failf(ErrUnsupported, ErrExchangeFile, what+", not a transcript: import it with verbatim import FILE.verbatim "+filepath.Base(name)+" (the codes are added to the codebook)")
	}
	return failf(ErrUnsupported, ErrExchangeFile, what+", not a transcript: import it with verbatim import FILE.verbatim "+filepath.Base(name)+", or make a new project of it with verbatim import-qdpx NEW.verbatim "+filepath.Base(name))
}

// otherFormats names the formats met among interview files that are not
// transcripts, by extension, with what to do where there is something.
var otherFormats = map[string]string{}

func init() {
	for noun, exts := range map[string][]string{
		what("JSON data"):                          {".json", ".jsonl", ".ndjson", ".geojson"},
		what("XML data"):                           {".xml", ".xsd", ".xsl", ".xslt", ".plist"},
		what("a table (CSV)"):                      {".csv", ".tsv"},
		what("a spreadsheet"):                      {".xlsx", ".xls", ".xlsm", ".ods", ".numbers"},
		what("a presentation"):                     {".pptx", ".ppt", ".odp", ".key"},
		what("a configuration file"):               {".yaml", ".yml", ".toml", ".ini", ".cfg", ".conf", ".env"},
		what("a database"):                         {".db", ".sqlite", ".sqlite3", ".mdb", ".accdb", ".sav", ".dta"},
		what("a Verbatim project"):                 {".verbatim"},
		what("an image"):                           {".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".heic", ".webp", ".svg", ".ico"},
		what("a program or library"):               {".exe", ".dll", ".so", ".dylib", ".app", ".msi", ".dmg", ".deb", ".rpm", ".apk", ".bin", ".o", ".a", ".class", ".jar", ".wasm"},
		what("an e-book"):                          {".epub", ".mobi"},
		what("a log file"):                         {".log"},
		"an archive":                               {".zip", ".tar", ".gz", ".tgz", ".bz2", ".xz", ".7z", ".rar", ".zst"},
		what("an audio recording"):                 {".mp3", ".wav", ".m4a", ".aac", ".ogg", ".oga", ".opus", ".flac", ".wma", ".aiff", ".aif", ".amr"},
		what("a video"):                            {".mp4", ".mov", ".avi", ".mkv", ".webm", ".wmv", ".m4v", ".mpg", ".mpeg", ".3gp"},
		what("source code"):                        {".go", ".py", ".js", ".mjs", ".ts", ".tsx", ".jsx", ".java", ".kt", ".c", ".h", ".cc", ".cpp", ".hpp", ".cs", ".rs", ".rb", ".php", ".pl", ".swift", ".scala", ".r", ".m", ".jl", ".lua", ".sh", ".bash", ".zsh", ".ps1", ".bat", ".cmd", ".sql", ".css", ".scss", ".ipynb", ".tex", ".bib"},
		"a subtitle format Verbatim does not read": {".ass", ".ssa", ".sub", ".sbv", ".ttml", ".dfxp", ".scc", ".stl"},
	} {
		for _, e := range exts {
			otherFormats[e] = noun
		}
	}
}

// what marks a name of a format that a reason fills in as its What part:
// a window shows it translated, and its tests find the names where they
// are marked.
func what(noun string) string { return noun }

// unsupportedReason explains why a file Verbatim does not import is left
// out, from its name alone, as the report on a folder says it.
func unsupportedReason(path string) model.Label {
	ext := strings.ToLower(filepath.Ext(strings.TrimSpace(path)))
	if noun, ok := otherFormats[ext]; ok {
		return refusalLabel(noun, ext)
	}
	if ext == "" {
		return model.Phrase("not a format Verbatim imports (the name has no extension; give it .txt if it is a transcript)")
	}
	return model.Phrase("not a format Verbatim imports ({{.Ext}})", "Ext", ext)
}

// refusalLabel is the one line for a file in a format that is not a
// transcript, with what to do where there is something to do: the English
// template, with the format's name as its What part (translated where it
// is shown).
func refusalLabel(noun, ext string) model.Label {
	switch noun {
	case "an audio recording", "a video":
		return model.Phrase("{{.What}}, not a transcript (transcribe it first and import the transcript)", "What", noun)
	case "an archive":
		return model.Phrase("a {{.Ext}} archive, not a transcript (unpack it and import the files inside)", "Ext", strings.TrimPrefix(ext, "."))
	case "a Verbatim project":
		return model.Phrase("{{.What}}, not a transcript (open it with verbatim open)", "What", noun)
	case "a subtitle format Verbatim does not read":
		return model.Phrase("{{.Ext}} subtitles, a format Verbatim does not read (save them as .vtt or .srt)", "Ext", ext)
	case "a table (CSV)", "a spreadsheet":
		return model.Phrase("{{.What}}, not a transcript (save the transcript as .txt or .docx to import it)", "What", noun)
	}
	return model.Phrase("{{.What}}, not a transcript", "What", noun)
}

// refuseContent refuses text that is data rather than a transcript: JSON
// or XML that is not a web page, whatever the file is called.
func refuseContent(trimmed []byte, data []byte) error {
	switch {
	case (bytes.HasPrefix(trimmed, []byte("{")) || bytes.HasPrefix(trimmed, []byte("["))) && json.Valid(bytes.TrimPrefix(data, bomUTF8)):
		return failLabel(ErrUnsupported, nil, refusalLabel("JSON data", ".json"))
	case bytes.HasPrefix(trimmed, []byte("<?xml")) && !looksHTML(trimmed):
		return failLabel(ErrUnsupported, nil, refusalLabel("XML data", ".xml"))
	}
	return nil
}
