package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

// binFlags collects the repeated -bin flag.
type binFlags []string

func (b *binFlags) String() string     { return strings.Join(*b, ",") }
func (b *binFlags) Set(s string) error { *b = append(*b, s); return nil }

// release writes what a release ships besides the binaries: an SPDX bill
// of materials of the binaries (sbomPath) and the licences as plain text
// (textPath), either may be "". Both come from l, the list just read from
// the module cache, which must equal assets/licenses.json, the list the
// About box shows (else go generate ./assets has not been run); and every
// module "go version -m" finds in a binary must be on it, at its version.
func release(l *list, sbomPath, textPath, version string, bins []string) error {
	gomod, err := goCommand(".", "env", "GOMOD")
	if err != nil {
		return err
	}
	root := filepath.Dir(strings.TrimSpace(gomod))
	embedded, err := os.ReadFile(filepath.Join(root, "assets", "licenses.json"))
	if err != nil {
		return err
	}
	fresh, err := json.MarshalIndent(l, "", "\t")
	if err != nil {
		return err
	}
	if !bytes.Equal(bytes.TrimSpace(embedded), bytes.TrimSpace(fresh)) {
		return fmt.Errorf("assets/licenses.json (the About box's list) differs from the module cache's licences: run go generate ./assets")
	}
	if textPath != "" {
		if err := os.WriteFile(textPath, licenseText(l, version), 0o644); err != nil {
			return err
		}
	}
	if sbomPath == "" {
		return nil
	}
	if len(bins) == 0 {
		return fmt.Errorf("-sbom needs at least one -bin")
	}
	doc, err := sbom(l, version, bins, readBuildInfo)
	if err != nil {
		return err
	}
	data, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(sbomPath, append(data, '\n'), 0o644)
}

// licenseText is every licence of l, each under the names of what it covers.
func licenseText(l *list, version string) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "Verbatim %s is built from the following parts, each under its licence.\n", version)
	fmt.Fprintf(&b, "Help > About Verbatim shows the same list.\n")
	for i, text := range l.Texts {
		b.WriteString("\n" + strings.Repeat("=", 78) + "\n")
		for _, m := range l.Modules {
			if m.Text == i {
				fmt.Fprintf(&b, "%s %s (%s)\n", m.Path, m.Version, m.License)
			}
		}
		b.WriteString(strings.Repeat("=", 78) + "\n\n")
		b.WriteString(text)
	}
	return b.Bytes()
}

// buildInfo is what "go version -m" tells of one binary.
type buildInfo struct {
	goVersion string
	deps      map[string]string // module path → version
}

var depLine = regexp.MustCompile(`^\s+(dep|=>)\s+(\S+)\s+(\S+)`)

func readBuildInfo(bin string) (buildInfo, error) {
	out, err := goCommand("", "version", "-m", bin)
	if err != nil {
		return buildInfo{}, err
	}
	return parseBuildInfo(bin, out)
}

func parseBuildInfo(bin, out string) (buildInfo, error) {
	bi := buildInfo{deps: map[string]string{}}
	first, _, _ := strings.Cut(out, "\n")
	if _, v, ok := strings.Cut(first, ": "); ok {
		bi.goVersion = strings.TrimSpace(v)
	}
	var last string
	for _, line := range strings.Split(out, "\n") {
		m := depLine.FindStringSubmatch(line)
		switch {
		case m == nil:
		case m[1] == "dep":
			last = m[2]
			bi.deps[m[2]] = m[3]
		case m[1] == "=>" && last != "":
			bi.deps[last] = m[3] // a replacement: what was really built
		}
	}
	if bi.goVersion == "" || len(bi.deps) == 0 {
		return bi, fmt.Errorf("%s: go version -m found no Go build information", bin)
	}
	return bi, nil
}

type spdxDoc struct {
	SPDXVersion       string         `json:"spdxVersion"`
	DataLicense       string         `json:"dataLicense"`
	SPDXID            string         `json:"SPDXID"`
	Name              string         `json:"name"`
	DocumentNamespace string         `json:"documentNamespace"`
	CreationInfo      spdxCreation   `json:"creationInfo"`
	Packages          []spdxPackage  `json:"packages"`
	Relationships     []spdxRelation `json:"relationships"`
}

type spdxCreation struct {
	Created  string   `json:"created"`
	Creators []string `json:"creators"`
}

type spdxPackage struct {
	Name             string         `json:"name"`
	SPDXID           string         `json:"SPDXID"`
	VersionInfo      string         `json:"versionInfo,omitempty"`
	PackageFileName  string         `json:"packageFileName,omitempty"`
	DownloadLocation string         `json:"downloadLocation"`
	FilesAnalyzed    bool           `json:"filesAnalyzed"`
	Checksums        []spdxChecksum `json:"checksums,omitempty"`
	LicenseConcluded string         `json:"licenseConcluded"`
	LicenseDeclared  string         `json:"licenseDeclared"`
	CopyrightText    string         `json:"copyrightText"`
	Comment          string         `json:"comment,omitempty"`
	ExternalRefs     []spdxRef      `json:"externalRefs,omitempty"`
}

type spdxChecksum struct {
	Algorithm string `json:"algorithm"`
	Value     string `json:"checksumValue"`
}

type spdxRef struct {
	Category string `json:"referenceCategory"`
	Type     string `json:"referenceType"`
	Locator  string `json:"referenceLocator"`
}

type spdxRelation struct {
	Element string `json:"spdxElementId"`
	Type    string `json:"relationshipType"`
	Related string `json:"relatedSpdxElement"`
}

var notID = regexp.MustCompile(`[^A-Za-z0-9.-]+`)

// sbom describes each binary in bins (with its SHA-256) and every part of
// l, with the binaries each is linked into; a module a binary contains
// that l lacks, or has at another version, is an error.
func sbom(l *list, version string, bins []string, read func(bin string) (buildInfo, error)) (*spdxDoc, error) {
	created := time.Now().UTC()
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		var sec int64
		if _, err := fmt.Sscan(s, &sec); err == nil {
			created = time.Unix(sec, 0).UTC()
		}
	}
	doc := &spdxDoc{
		SPDXVersion:       "SPDX-2.3",
		DataLicense:       "CC0-1.0",
		SPDXID:            "SPDXRef-DOCUMENT",
		Name:              "Verbatim " + version,
		DocumentNamespace: "https://codeberg.org/verbatim/verbatim/spdx/" + version,
		CreationInfo: spdxCreation{
			Created:  created.Format(time.RFC3339),
			Creators: []string{"Tool: codeberg.org/verbatim/verbatim/cmd/verbatim/licenses"},
		},
	}
	listed := map[string]string{} // path → version
	for _, m := range l.Modules {
		listed[m.Path] = m.Version
	}
	in := map[string][]string{} // module path → SPDX ids of the binaries
	var goVersion string
	for i, bin := range bins {
		bi, err := read(bin)
		if err != nil {
			return nil, err
		}
		goVersion = bi.goVersion
		data, err := os.ReadFile(bin)
		if err != nil {
			return nil, err
		}
		sum := sha256.Sum256(data)
		id := fmt.Sprintf("SPDXRef-Binary-%d-%s", i, notID.ReplaceAllString(filepath.Base(bin), "-"))
		doc.Packages = append(doc.Packages, spdxPackage{
			Name:             "verbatim",
			SPDXID:           id,
			VersionInfo:      version,
			PackageFileName:  filepath.Base(bin),
			DownloadLocation: "NOASSERTION",
			Checksums:        []spdxChecksum{{"SHA256", hex.EncodeToString(sum[:])}},
			LicenseConcluded: "NOASSERTION",
			LicenseDeclared:  "NOASSERTION",
			CopyrightText:    "NOASSERTION",
			Comment:          "built with " + bi.goVersion,
		})
		doc.Relationships = append(doc.Relationships, spdxRelation{"SPDXRef-DOCUMENT", "DESCRIBES", id})
		for path, v := range bi.deps {
			lv, ok := listed[path]
			switch {
			case !ok:
				return nil, fmt.Errorf("%s contains %s %s, which the licence list lacks", bin, path, v)
			case lv != v:
				return nil, fmt.Errorf("%s contains %s %s, the licence list has %s: run go generate ./assets", bin, path, v, lv)
			}
			in[path] = append(in[path], id)
		}
		in["go"] = append(in["go"], id)
		for _, m := range l.Modules {
			if m.Version == "" && m.Path != "go" { // what the repository embeds is in every binary
				in[m.Path] = append(in[m.Path], id)
			}
		}
	}
	for i, m := range l.Modules {
		id := fmt.Sprintf("SPDXRef-Part-%d-%s", i, notID.ReplaceAllString(m.Path, "-"))
		p := spdxPackage{
			Name:             m.Path,
			SPDXID:           id,
			VersionInfo:      m.Version,
			DownloadLocation: "NOASSERTION",
			LicenseConcluded: m.License,
			LicenseDeclared:  m.License,
			CopyrightText:    "NOASSERTION",
		}
		switch {
		case m.Path == "go":
			p.Name, p.VersionInfo = "go (standard library and runtime)", strings.TrimPrefix(goVersion, "go")
			p.DownloadLocation = "https://go.dev/dl/"
			p.ExternalRefs = []spdxRef{{"PACKAGE-MANAGER", "purl", "pkg:golang/stdlib@" + p.VersionInfo}}
		case m.Version != "":
			p.DownloadLocation = "https://proxy.golang.org/" + m.Path + "/@v/" + m.Version + ".zip"
			p.ExternalRefs = []spdxRef{{"PACKAGE-MANAGER", "purl", "pkg:golang/" + m.Path + "@" + m.Version}}
		default:
			p.Comment = "embedded in Verbatim's repository"
		}
		if len(in[m.Path]) == 0 {
			p.Comment = strings.TrimPrefix(p.Comment+"; ", "; ") + "required by go.mod, linked into none of the binaries described"
		}
		doc.Packages = append(doc.Packages, p)
		for _, bin := range in[m.Path] {
			doc.Relationships = append(doc.Relationships, spdxRelation{bin, "CONTAINS", id})
		}
	}
	return doc, nil
}
