package model

import "errors"

// Errors a caller can test for with errors.Is. Their texts are written for a
// researcher: the command line and the window show them as they are.
var (
	// ErrLocked: the project is open in another window or command.
	ErrLocked = errors.New("it is open elsewhere (in another Verbatim window or command); close it there first")
	// ErrNewerVersion: the project was written by a newer Verbatim.
	ErrNewerVersion = errors.New("it was saved by a newer version of Verbatim; update Verbatim to open it")
	// ErrNotProject: the file is not a Verbatim project.
	ErrNotProject = errors.New("not a Verbatim project (the file is damaged or is another kind of file)")
	// ErrExists: a new project would overwrite an existing file.
	ErrExists = errors.New("a file with that name exists already")
	// ErrNotFound: a document, code, coding or case does not exist.
	ErrNotFound = errors.New("not found")
	// ErrDuplicate: the same coding, code name or document exists already.
	ErrDuplicate = errors.New("exists already")
	// ErrInvalid: an argument is out of range or malformed.
	ErrInvalid = errors.New("invalid")
	// ErrNothingToUndo and ErrNothingToRedo: the history is empty that way.
	ErrNothingToUndo = errors.New("nothing to undo")
	ErrNothingToRedo = errors.New("nothing to redo")
	// ErrInAction: undo, redo or clearing the history was asked for inside
	// a Group, whose changes are not one step yet.
	ErrInAction = errors.New("not while a change is being made (undo and redo come between changes)")
)
