// Package refiqda exchanges projects with other QDA tools (NVivo, ATLAS.ti,
// MAXQDA, QualCoder, Taguette) in the REFI-QDA standard: it writes a whole
// project as a .qdpx archive or the codebook as a .qdc file, valid against
// the standard's schemas, and reads .qdpx, bare .qde and .qdc files, as a
// new project or into an open one, leniently (the quirks of real exports
// are listed in the shared refi/NOTES.md) and with a report of whatever it
// could not carry.
//
// Positions are rune offsets, end exclusive, over the plain text written to
// sources/. GUIDs that came in with an import are kept in the project and
// go out unchanged; everything else gets a GUID derived from the project's
// UUID, so that exporting twice gives the same ones.
package refiqda
