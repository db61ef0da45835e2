// Package exporttest opens exported files with the programs a user would,
// for tests: LibreOffice (headless) for DOCX, ODT and XLSX, poppler's
// pdftotext for PDF. A test that needs a program skips with a message when
// it is not installed; .ci/install-deps.sh installs them.
package exporttest

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// LibreOffice refuses a second instance on the same profile: conversions
// run one at a time, on a profile of the test process's own.
var (
	officeMu      sync.Mutex
	officeProfile string
)

// Soffice runs LibreOffice headless with args.
func Soffice(t testing.TB, args ...string) {
	t.Helper()
	bin, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("LibreOffice (soffice) is not installed: run .ci/install-deps.sh as root")
	}
	officeMu.Lock()
	defer officeMu.Unlock()
	if officeProfile == "" {
		dir, err := os.MkdirTemp("", "verbatim-lo-profile")
		if err != nil {
			t.Fatal(err)
		}
		officeProfile = dir
	}
	cmd := exec.Command(bin, append([]string{"-env:UserInstallation=file://" + filepath.ToSlash(officeProfile), "--headless", "--norestore"}, args...)...)
	cmd.Env = append(os.Environ(), "HOME="+officeProfile)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// OfficeText converts a document (DOCX, ODT) with LibreOffice to plain
// text, or a spreadsheet (XLSX, ODS) to UTF-8 CSV of its first sheet, and
// returns it.
func OfficeText(t testing.TB, path string) string {
	t.Helper()
	out := t.TempDir()
	filter, ext := "txt:Text (encoded):UTF8", ".txt"
	if strings.HasSuffix(path, ".xlsx") || strings.HasSuffix(path, ".ods") {
		filter, ext = "csv:Text - txt - csv (StarCalc):44,34,76", ".csv"
	}
	Soffice(t, "--convert-to", filter, "--outdir", out, path)
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	data, err := os.ReadFile(filepath.Join(out, base+ext))
	if err != nil {
		t.Fatalf("LibreOffice did not convert %s: %v", path, err)
	}
	return strings.TrimPrefix(string(data), "\uFEFF")
}

// PDFText returns the text of a PDF as pdftotext reads it (UTF-8).
func PDFText(t testing.TB, path string) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed: run .ci/install-deps.sh as root")
	}
	out, err := exec.Command(bin, "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	return string(out)
}

// Words joins s's words with single spaces, so that text a converter broke
// into lines (or joined from cells) compares with the text that was
// written.
func Words(s string) string { return strings.Join(strings.Fields(s), " ") }
