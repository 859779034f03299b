package postextract

import (
	"errors"
	"fmt"
)

// Sentinel errors returned by the Parse functions; test with [errors.Is].
var (
	// ErrEmpty means the input has no bytes, or only white space.
	ErrEmpty = errors.New("postextract: empty input")
	// ErrTooLarge means the input is larger than the limit set by [WithMaxBytes].
	ErrTooLarge = errors.New("postextract: input too large")
	// ErrBinary means more than 1 in 100 of the first 8 KiB of the input are
	// control bytes (NUL and the other C0 controls but tab, CR, LF and FF)
	// and it is not UTF-16 with a byte order mark.
	ErrBinary = errors.New("postextract: binary input")
	// ErrFrontMatter means the front matter is unterminated, too large, or
	// does not decode. The error is a *[FrontMatterError].
	ErrFrontMatter = errors.New("postextract: bad front matter")
)

// FrontMatterError describes front matter that could not be read.
// errors.Is(err, ErrFrontMatter) is true for it.
type FrontMatterError struct {
	Format string // "yaml", "toml" or "json"
	Line   int    // 1-based line in the input where the problem is, 0 if unknown
	Err    error  // what is wrong: the decoder's message (its line moved into Line), or a description
}

// Error names the format, the line and the problem:
// "postextract: front matter (yaml): line 4: …". Every error of the package
// starts with "postextract: ", once.
func (e *FrontMatterError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("postextract: front matter (%s): line %d: %v", e.Format, e.Line, e.Err)
	}
	return fmt.Sprintf("postextract: front matter (%s): %v", e.Format, e.Err)
}

// Unwrap returns Err.
func (e *FrontMatterError) Unwrap() error { return e.Err }

// Is reports whether target is [ErrFrontMatter].
func (e *FrontMatterError) Is(target error) bool { return target == ErrFrontMatter }
