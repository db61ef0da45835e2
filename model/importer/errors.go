package importer

import (
	"errors"

	"codeberg.org/verbatim/verbatim/model"
)

// Sentinel errors returned (wrapped) by Read and ReadBytes. Test for them
// with errors.Is; the text of the returned error is written for a researcher
// and names the problem more precisely.
var (
	// ErrEmpty means the file holds no bytes at all.
	ErrEmpty = errors.New("the file is empty")
	// ErrUnsupported means the file is in a format Verbatim does not import.
	ErrUnsupported = errors.New("not a format Verbatim imports")
	// ErrDamaged means the file claims a format but cannot be read as one.
	ErrDamaged = errors.New("the file is damaged")
	// ErrEncrypted means the file is protected by a password.
	ErrEncrypted = errors.New("the file is password-protected (remove the password and import it again)")
	// ErrTooLarge means the file, or the text or data it unpacks to, is over
	// the size limit.
	ErrTooLarge = errors.New("the file is too large")
	// ErrNoText means the file was read but holds no text, as with a scanned
	// PDF.
	ErrNoText = errors.New("the file contains no text")
)

// importError is an error with a message for the researcher that matches one
// sentinel error with errors.Is and keeps the technical cause for errors.As.
type importError struct {
	msg   string
	kind  error
	cause error
	label model.Label // msg as a template and its parts, when it has them
}

func (e *importError) Error() string { return e.msg }

// Is reports whether target is the sentinel this error belongs to.
func (e *importError) Is(target error) bool { return target == e.kind }

// Unwrap returns the technical cause, if any.
func (e *importError) Unwrap() error { return e.cause }

// failf returns an importError of the given kind with a researcher-facing
// message and an optional technical cause (which is not printed).
func failf(kind error, cause error, msg string) error {
	return &importError{msg: msg, kind: kind, cause: cause}
}

// failLabel is failf with the message as a label, which a window can show
// in its own language.
func failLabel(kind error, cause error, l model.Label) error {
	return &importError{msg: l.Text, kind: kind, cause: cause, label: l}
}

// damaged returns the standard message for a file that is not the format
// its name or content announces, for instance "not a Word document".
func damaged(what string, cause error) error {
	return failf(ErrDamaged, cause, "not "+what+" (the file is damaged or is another format)")
}
