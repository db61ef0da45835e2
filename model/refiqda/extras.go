package refiqda

import (
	"context"
	"fmt"
	"strings"

	"codeberg.org/verbatim/verbatim/model"
)

// What the standard has beyond text sources and codes: the transcripts of
// audio and video sources, sets and links.

// setAttribute is the document attribute that names the sets a document
// is a member of, "; " between them: sets of sources are what Verbatim
// keeps as document attributes.
const setAttribute = "Set"

// transcriptSource is an audio or video source's transcript as a text
// source: the same text, and each of its selections from the position of
// its first sync point to that of its last. A selection whose sync points
// give no positions is reported.
func (im *importRun) transcriptSource(t xTranscript, kind, owner string) xTextSource {
	name := strings.TrimSpace(t.Name)
	if name == "" && strings.TrimSpace(owner) != "" {
		name = strings.TrimSpace(owner) + " (transcript)"
	}
	s := xTextSource{GUID: t.GUID, Name: name, RichTextPath: t.RichTextPath, PlainTextPath: t.PlainTextPath,
		CreatingUser: t.CreatingUser, Description: t.Description, PlainTextContent: t.PlainTextContent, NoteRefs: t.NoteRefs}
	at := map[string]string{}
	for _, p := range t.SyncPoints {
		if pos := strings.TrimSpace(p.Position); pos != "" {
			at[normGUID(p.GUID)] = pos
		}
	}
	for _, sel := range t.Selections {
		from, okFrom := at[normGUID(sel.From)]
		to, okTo := at[normGUID(sel.To)]
		if !okFrom || !okTo {
			im.rep.notCarried("%s %q: a transcript selection whose sync points give no text positions (%d codings)", kind, owner, len(sel.Codings))
			continue
		}
		s.Selections = append(s.Selections, xSelection{GUID: sel.GUID, Name: sel.Name, Start: from, End: to,
			CreatingUser: sel.CreatingUser, Description: sel.Description, Codings: sel.Codings, NoteRefs: sel.NoteRefs})
	}
	return s
}

// mediaSources reads the transcripts of audio and video sources as text
// sources, adding them to group, and reports what stays behind: the
// recordings, and their selections in time.
func (im *importRun) mediaSources(ctx context.Context, x *xSources, group *sourceGroup, attrs func(xOtherSource) []model.Attribute) error {
	for _, m := range []struct {
		kind string
		list []xOtherSource
	}{{"picture", x.PictureSource}, {"audio", x.AudioSource}, {"video", x.VideoSource}} {
		for _, s := range m.list {
			n, sels := len(s.Codings), 0
			for _, sel := range s.Selections {
				if strings.HasSuffix(sel.XMLName.Local, "Selection") {
					sels++
					n += len(sel.Codings)
				}
			}
			im.rep.notCarried("%s %q: %d selections with %d codings (Verbatim holds text only)", m.kind, s.Name, sels, n)
			for _, t := range s.Transcript {
				ts := im.transcriptSource(t, m.kind, s.Name)
				src, err := im.readSource(ts, attrs(s), "")
				if err != nil {
					return err
				}
				if src != nil {
					im.rep.warn("%s %q: its transcript is the document %q, with its %d selections", m.kind, s.Name, src.name, len(ts.Selections))
				}
				if err := group.add(ctx, src); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// sets returns, by normalised source GUID, the names of the sets each
// source is a member of, and reports the members Verbatim has no sets
// for: codes and notes.
func (im *importRun) sets(x *xSets) map[string][]string {
	out := map[string][]string{}
	if x == nil {
		return out
	}
	for _, s := range x.Set {
		name := strings.TrimSpace(s.Name)
		if name == "" {
			name = "set " + strings.ToLower(normGUID(s.GUID))
		}
		for _, m := range s.MemberSources {
			g := normGUID(m.target())
			out[g] = append(out[g], name)
		}
		if n := len(s.MemberSources); n > 0 {
			im.rep.warn("set %q: its %d sources have it in their attribute %q", name, n, setAttribute)
		}
		if len(s.MemberCodes)+len(s.MemberNotes) > 0 {
			im.rep.notCarried("set %q: %d codes and %d notes (Verbatim has no sets of codes or notes)", name, len(s.MemberCodes), len(s.MemberNotes))
		}
	}
	return out
}

// withSets adds the attribute naming the sets a source is a member of.
func withSets(attrs []model.Attribute, sets []string) []model.Attribute {
	if len(sets) == 0 {
		return attrs
	}
	return append(attrs, model.Attribute{Key: setAttribute, Value: strings.Join(sets, "; ")})
}

// name remembers what a GUID names, for the report of links.
func (im *importRun) name(guid, what string) {
	if g := normGUID(guid); g != "" {
		if _, ok := im.names[g]; !ok {
			im.names[g] = what
		}
	}
}

// links reports each link, between whatever it joins.
func (im *importRun) links(x *xLinks) {
	if x == nil {
		return
	}
	named := func(g string) string {
		if n, ok := im.names[normGUID(g)]; ok {
			return n
		}
		if strings.TrimSpace(g) == "" {
			return "nothing"
		}
		return g
	}
	for _, l := range x.Link {
		line := "link"
		if n := strings.TrimSpace(l.Name); n != "" {
			line += fmt.Sprintf(" %q", n)
		}
		line += fmt.Sprintf(" from %s to %s", named(l.Origin), named(l.Target))
		if d := strings.TrimSpace(l.Direction); d != "" {
			line += " (" + d + ")"
		}
		im.rep.notCarried("%s (Verbatim has no links)", line)
	}
}
