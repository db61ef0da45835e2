// Command licenses writes the list of the modules Verbatim is built from,
// each with its licence and the licence's text, to assets/licenses.json,
// which the window's Help > About shows. Run it from the repository after
// changing go.mod ("go generate ./assets" does); a test in assets fails
// while the list and go.mod differ.
//
// The modules are go.mod's requirements, direct and indirect: every module
// that provides a package to some build of Verbatim. Their licence files
// are read from the module cache ("go mod download" fetches what is
// missing, from outside the module so that go.sum is left alone). Go's own
// licence comes first: its standard library and runtime are in every
// binary.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

// list is the file's shape; assets reads the same.
type list struct {
	Modules []module `json:"modules"`
	Texts   []string `json:"texts"` // the licence texts, each once
}

type module struct {
	Path    string `json:"path"`
	Version string `json:"version,omitempty"`
	License string `json:"license"` // an SPDX expression
	Text    int    `json:"text"`    // index into Texts
}

func main() {
	log.SetFlags(0)
	log.SetPrefix("licenses: ")
	out := flag.String("o", "assets/licenses.json", "the file to write")
	sbomOut := flag.String("sbom", "", "instead, write an SPDX 2.3 software bill of materials (JSON) of the -bin binaries to this file")
	textOut := flag.String("text", "", "instead (or besides -sbom), write every licence as plain text to this file")
	version := flag.String("version", "dev", "with -sbom: Verbatim's version")
	var bins binFlags
	flag.Var(&bins, "bin", "with -sbom: a built binary the packages ship (repeat for each)")
	flag.Parse()
	l, err := build()
	if err != nil {
		log.Fatal(err)
	}
	if *sbomOut != "" || *textOut != "" {
		if err := release(l, *sbomOut, *textOut, *version, bins); err != nil {
			log.Fatal(err)
		}
		return
	}
	data, err := json.MarshalIndent(l, "", "\t")
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*out, append(data, '\n'), 0o644); err != nil {
		log.Fatal(err)
	}
	fmt.Fprintf(os.Stderr, "licenses: %d modules, %d texts in %s\n", len(l.Modules), len(l.Texts), *out)
}

func build() (*list, error) {
	gomod, err := goCommand(".", "env", "GOMOD")
	if err != nil {
		return nil, err
	}
	root := filepath.Dir(strings.TrimSpace(gomod))
	reqs, err := requirements(root)
	if err != nil {
		return nil, err
	}
	dirs, err := moduleDirs(reqs)
	if err != nil {
		return nil, err
	}
	goroot, err := goCommand("", "env", "GOROOT")
	if err != nil {
		return nil, err
	}
	l := &list{}
	seen := map[string]int{}
	add := func(path, version, dir string) error {
		text, kind, err := licenseOf(dir, fonts[path].dir)
		if err != nil {
			return fmt.Errorf("%s %s: %w", path, version, err)
		}
		if f, ok := fonts[path]; ok {
			kind += " AND " + f.license
		}
		i, ok := seen[text]
		if !ok {
			i = len(l.Texts)
			seen[text] = i
			l.Texts = append(l.Texts, text)
		}
		l.Modules = append(l.Modules, module{Path: path, Version: version, License: kind, Text: i})
		return nil
	}
	if err := add("go", "", strings.TrimSpace(goroot)); err != nil {
		return nil, err
	}
	for _, r := range reqs {
		if err := add(r.Path, r.Version, dirs[r.Path+"@"+r.Version]); err != nil {
			return nil, err
		}
	}
	for _, o := range own {
		data, err := os.ReadFile(filepath.Join(root, o.file))
		if err != nil {
			return nil, err
		}
		text := strings.TrimSpace(strings.ReplaceAll(string(data), "\r\n", "\n")) + "\n"
		i, ok := seen[text]
		if !ok {
			i = len(l.Texts)
			seen[text] = i
			l.Texts = append(l.Texts, text)
		}
		l.Modules = append(l.Modules, module{Path: o.name, License: o.license, Text: i})
	}
	return l, nil
}

// own is what Verbatim's repository embeds from others, with its licence.
var own = []struct{ name, license, file string }{
	{"OpenTaal word list (the Dutch word forms of search)", "BSD-3-Clause OR CC-BY-3.0", "index/lemmas/LICENSE-OpenTaal.txt"},
	{"Noto Emoji (the emoji of PDF exports)", "OFL-1.1", "model/export/fonts/OFL.txt"},
}

// fonts are the licences of fonts a module embeds besides its code's,
// with the folder that holds them when it is not the module's root.
var fonts = map[string]struct{ license, dir string }{
	"fyne.io/fyne/v2":                  {"OFL-1.1 AND Bitstream-Vera", "theme/font"},
	"codeberg.org/go-fonts/dejavu":     {"Bitstream-Vera", ""},
	"codeberg.org/go-fonts/liberation": {"OFL-1.1", ""},
}

type requirement struct{ Path, Version string }

// requirements are those of the go.mod in root, in its order.
func requirements(root string) ([]requirement, error) {
	out, err := goCommand(root, "mod", "edit", "-json")
	if err != nil {
		return nil, err
	}
	var mod struct{ Require []requirement }
	if err := json.Unmarshal([]byte(out), &mod); err != nil {
		return nil, err
	}
	return mod.Require, nil
}

// moduleDirs finds each module in the module cache, downloading it if
// needed, by "path@version".
func moduleDirs(reqs []requirement) (map[string]string, error) {
	args := []string{"mod", "download", "-json"}
	for _, r := range reqs {
		args = append(args, r.Path+"@"+r.Version)
	}
	// Outside the module, so that go.sum stays as it is.
	out, err := goCommand(os.TempDir(), args...)
	if err != nil {
		return nil, err
	}
	dirs := map[string]string{}
	dec := json.NewDecoder(strings.NewReader(out))
	for dec.More() {
		var m struct{ Path, Version, Dir, Error string }
		if err := dec.Decode(&m); err != nil {
			return nil, err
		}
		if m.Error != "" {
			return nil, fmt.Errorf("%s@%s: %s", m.Path, m.Version, m.Error)
		}
		dirs[m.Path+"@"+m.Version] = m.Dir
	}
	return dirs, nil
}

func goCommand(dir string, args ...string) (string, error) {
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("go %s: %v\n%s", strings.Join(args[:min(len(args), 3)], " "), err, stderr.String())
	}
	return string(out), nil
}

// licenseFile tells the files that hold a licence or notice, in a
// module's root or its licenses folder.
var licenseFile = regexp.MustCompile(`(?i)^(licen[cs]e|copying|unlicense|notice|patents)([-._].*)?$`)

// licenseOf reads the licence files of the module in dir (and those in
// its fontDir, if not ""), the main one (LICENSE, else COPYING, …) first,
// and names the licence of the main one.
func licenseOf(dir, fontDir string) (text, kind string, err error) {
	// In the root and fontDir the licence files; in a licenses folder,
	// everything.
	folders := map[string]bool{"": false, "licenses": true, "LICENSES": true}
	if fontDir != "" {
		folders[fontDir] = false
	}
	var files []string
	for sub, all := range folders {
		entries, err := os.ReadDir(filepath.Join(dir, sub))
		if err != nil {
			continue
		}
		for _, e := range entries {
			if e.Type().IsRegular() && (all || licenseFile.MatchString(e.Name())) {
				files = append(files, filepath.Join(sub, e.Name()))
			}
		}
	}
	slices.Sort(files)
	slices.SortStableFunc(files, func(a, b string) int { return rank(a) - rank(b) })
	if len(files) == 0 {
		return "", "", fmt.Errorf("no licence file in %s", dir)
	}
	var b strings.Builder
	for i, f := range files {
		data, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			return "", "", err
		}
		if i == 0 {
			if kind = classify(string(data)); kind == "" {
				return "", "", fmt.Errorf("%s: a licence this program does not know; add it to classify", f)
			}
		}
		if len(files) > 1 {
			fmt.Fprintf(&b, "==> %s <==\n\n", filepath.ToSlash(f))
		}
		b.WriteString(strings.TrimSpace(strings.ReplaceAll(string(data), "\r\n", "\n")))
		b.WriteString("\n\n")
	}
	return strings.TrimSpace(b.String()) + "\n", kind, nil
}

// rank orders licence files: the licence itself before notices, patents
// grants and the licences of parts.
func rank(name string) int {
	base := strings.ToUpper(filepath.Base(name))
	switch {
	case filepath.Dir(name) != ".":
		return 5
	case base == "LICENSE" || base == "LICENCE" || base == "LICENSE.TXT" || base == "LICENSE.MD":
		return 0
	case strings.HasPrefix(base, "COPYING") || base == "UNLICENSE":
		return 1
	case strings.HasPrefix(base, "LICEN"):
		return 2
	}
	return 3
}

// spdx is a licence text's own SPDX identifier line.
var spdx = regexp.MustCompile(`(?m)^\s*SPDX-License-Identifier:\s*(.+)$`)

// classify names a licence text as an SPDX expression, or "" when it is
// none of those Verbatim's dependencies use.
func classify(text string) string {
	if m := spdx.FindStringSubmatch(text); m != nil {
		return strings.TrimSpace(m[1])
	}
	t := strings.Join(strings.Fields(strings.ToLower(text)), " ")
	has := func(s ...string) bool {
		for _, x := range s {
			if !strings.Contains(t, x) {
				return false
			}
		}
		return true
	}
	switch {
	case has("covered by two different licenses: mit and apache"):
		return "MIT AND Apache-2.0"
	case has("freetype license", "gnu general public license"):
		return "FTL OR GPL-2.0-or-later"
	case has("apache license", "version 2.0"):
		return "Apache-2.0"
	case has("mozilla public license", "2.0"):
		return "MPL-2.0"
	case has("permission is hereby granted, free of charge"):
		return "MIT"
	case has("redistribution and use in source and binary forms") && has("advertising materials"):
		return "" // BSD-4-Clause: have a person look
	case has("redistribution and use in source and binary forms", "endorse or promote"):
		return "BSD-3-Clause"
	case has("redistribution and use in source and binary forms"):
		return "BSD-2-Clause"
	case has("permission to use, copy, modify, and/or distribute this software for any purpose"),
		has("permission to use, copy, modify, and distribute this software for any purpose"):
		return "ISC"
	case has("this is free and unencumbered software released into the public domain"):
		return "Unlicense"
	case has("creative commons attribution 4.0 international public license"):
		return "CC-BY-4.0"
	}
	return ""
}
