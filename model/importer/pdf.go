package importer

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/klippa-app/go-pdfium"
	pdfiumerrors "github.com/klippa-app/go-pdfium/errors"
	"github.com/klippa-app/go-pdfium/requests"
	"github.com/klippa-app/go-pdfium/webassembly"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"

	"codeberg.org/verbatim/verbatim/model"
)

const pdfNoun = "a PDF document"

// pdfWait is how long a PDF import waits for the reader to be free.
const pdfWait = 2 * time.Minute

// The PDF reader is PDFium compiled to WebAssembly and run by wazero: no
// cgo, the same on every platform. Starting it compiles the module, which
// takes seconds the first time and a fraction of a second with the
// compilation cache, so one pool serves the whole process.
var pdfPool struct {
	sync.Mutex
	pool pdfium.Pool
	err  error
}

// pdfInstance returns a PDFium instance, starting the pool on first use.
func pdfInstance(cacheDir string) (pdfium.Pdfium, error) {
	pdfPool.Lock()
	defer pdfPool.Unlock()
	if pdfPool.pool == nil && pdfPool.err == nil {
		pdfPool.pool, pdfPool.err = startPDFium(cacheDir)
	}
	if pdfPool.err != nil {
		return nil, pdfPool.err
	}
	return pdfPool.pool.GetInstance(pdfWait)
}

func startPDFium(cacheDir string) (pdfium.Pool, error) {
	rc := wazero.NewRuntimeConfig().WithCoreFeatures(api.CoreFeaturesV2 | experimental.CoreFeaturesExceptionHandling)
	if cacheDir != "" {
		if cache, err := wazero.NewCompilationCacheWithDir(cacheDir); err == nil {
			rc = rc.WithCompilationCache(cache)
		}
	}
	pool, err := webassembly.Init(webassembly.Config{
		MinIdle: 1, MaxIdle: 1, MaxTotal: 1,
		RuntimeConfig: rc,
		FSConfig:      wazero.NewFSConfig(), // PDFium sees no files: it gets bytes
		Stdout:        io.Discard,
		Stderr:        io.Discard,
	})
	if err != nil {
		return nil, fmt.Errorf("start the PDF reader: %w", err)
	}
	return pool, nil
}

// readPDF reads the text layer of a PDF, page by page in PDFium's reading
// order, and divides it like plain text. A PDF without text, such as a
// scan, is refused with ErrNoText.
func readPDF(data []byte, opts Options) (doc model.NewDocument, err error) {
	if err := checkPDFStreams(data, opts); err != nil {
		return model.NewDocument{}, err
	}
	text, err := pdfText(data, opts)
	if err != nil {
		return model.NewDocument{}, err
	}
	text = normalizeText(text)
	if strings.TrimSpace(text) == "" {
		return model.NewDocument{}, failf(ErrNoText, nil, "the PDF has no text layer (probably a scan: run text recognition (OCR) on it first)")
	}
	return textDocument(text, plainParagraphs(text), opts)
}

// pdfText returns the text of every page, pages separated by a blank line.
func pdfText(data []byte, opts Options) (text string, err error) {
	instance, err := pdfInstance(opts.CacheDir)
	if err != nil {
		return "", err
	}
	defer instance.Close()
	defer func() {
		if r := recover(); r != nil {
			err = damaged(pdfNoun, fmt.Errorf("pdfium: %v", r))
		}
	}()
	opened, err := instance.OpenDocument(&requests.OpenDocument{File: &data})
	if err != nil {
		if errors.Is(err, pdfiumerrors.ErrPassword) || errors.Is(err, pdfiumerrors.ErrSecurity) {
			return "", failf(ErrEncrypted, err, "the PDF is password-protected (remove the password and import it again)")
		}
		return "", damaged(pdfNoun, err)
	}
	defer instance.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: opened.Document})
	count, err := instance.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: opened.Document})
	if err != nil {
		return "", damaged(pdfNoun, err)
	}
	var b strings.Builder
	for i := range count.PageCount {
		page, err := instance.GetPageText(&requests.GetPageText{Page: requests.Page{ByIndex: &requests.PageByIndex{Document: opened.Document, Index: i}}})
		if err != nil {
			return "", damaged(pdfNoun, err)
		}
		if i > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(strings.TrimRight(page.Text, " \r\n"))
		if int64(b.Len()) > opts.maxText() {
			return "", tooMuchText(opts.maxText())
		}
	}
	return b.String(), nil
}
