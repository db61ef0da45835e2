package refiqda

import (
	"regexp"
	"strings"

	"github.com/google/uuid"
)

var guidRE = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// normGUID is the form GUIDs are compared in: braces and spaces stripped,
// upper case. Tools write them with or without braces, in either case.
func normGUID(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimSuffix(strings.TrimPrefix(s, "{"), "}")
	return strings.ToUpper(s)
}

// validGUID reports whether s, as written, is a GUID the schema accepts.
func validGUID(s string) bool {
	return guidRE.MatchString(normGUID(s))
}

// derivedGUID is the GUID Verbatim gives something that came with none: a
// name-based (version 5) UUID under the project's own UUID, so that the
// same project exports the same GUIDs every time without writing to it.
func derivedGUID(project uuid.UUID, what string) string {
	return strings.ToUpper(uuid.NewSHA1(project, []byte(what)).String())
}
