package extract

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
)

// PatternNamespace is the namespace of the counters MatchPaths keeps, one
// per pattern, named by the pattern: how many paths it matched. A pattern
// that matched nothing may have no counter.
const PatternNamespace = "postextract.patterns"

// CheckPattern reports what is wrong with a file pattern, as MatchPaths
// would find it: a malformed wildcard ([ unclosed, a trailing \), or a
// local ** after another wildcard.
func CheckPattern(pattern string) error {
	if strings.TrimSpace(pattern) == "" {
		return errors.New("empty pattern")
	}
	for part := range strings.SplitSeq(filepath.ToSlash(pattern), "/") {
		if _, err := path.Match(strings.ReplaceAll(part, "**", "*"), ""); err != nil {
			return fmt.Errorf("%s: %v", pattern, err)
		}
	}
	if !strings.Contains(pattern, "://") && strings.Contains(pattern, "**") {
		clean := path.Clean(filepath.ToSlash(pattern))
		if strings.ContainsAny(clean[:strings.Index(clean, "**")], "*?[") {
			return fmt.Errorf("%s: ** must come before any other wildcard", pattern)
		}
	}
	return nil
}

// matchFn expands a pattern into paths.
type matchFn struct{}

func (*matchFn) ProcessElement(ctx context.Context, pattern string, emit func(string)) error {
	if strings.TrimSpace(pattern) == "" {
		return nil
	}
	n := int64(0)
	defer func() { beam.NewCounter(PatternNamespace, pattern).Inc(ctx, n) }()
	if !strings.Contains(pattern, "://") && strings.Contains(pattern, "**") {
		paths, err := globLocal(pattern)
		for _, p := range paths {
			emit(p)
			n++
		}
		return err
	}
	fsys, err := filesystem.New(ctx, pattern)
	if err != nil {
		return err
	}
	defer fsys.Close()
	paths, err := fsys.List(ctx, pattern)
	if err != nil {
		return fmt.Errorf("%s: %v", pattern, err)
	}
	local := !strings.Contains(pattern, "://")
	for _, p := range paths {
		// A local pattern matches folders too, and named pipes, sockets
		// and devices: none is a post (opening a pipe waits for a
		// writer), as postextract.PostFiles leaves them out of a folder.
		if local && (!regular(p) || skipped(pattern, p)) {
			continue
		}
		emit(p)
		n++
	}
	return nil
}

// skipped reports whether a wildcard of the local pattern matched, in
// the path p, a hidden name (one that starts with ".") or node_modules,
// which postextract.PostFiles leaves out of a folder; filepath.Match's *
// matches a leading dot. A part of the pattern that starts with "." asks
// for hidden names, and a literal part for what it names.
func skipped(pattern, p string) bool {
	pp := strings.Split(filepath.ToSlash(filepath.Clean(pattern)), "/")
	sp := strings.Split(filepath.ToSlash(p), "/")
	if len(pp) != len(sp) {
		pp, sp = pp[len(pp)-1:], sp[len(sp)-1:]
	}
	for i, part := range pp {
		if strings.ContainsAny(part, "*?[") && !strings.HasPrefix(part, ".") && hiddenOrTool(sp[i]) {
			return true
		}
	}
	return false
}

// hiddenOrTool reports whether a folder or file named name is left out
// of a folder's posts: a hidden name, or node_modules.
func hiddenOrTool(name string) bool {
	return strings.HasPrefix(name, ".") && name != "." && name != ".." || name == "node_modules"
}

// regular reports whether the local file p (a link followed) is a
// regular file.
func regular(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular()
}

// globLocal expands a local pattern in which ** matches any number of
// folders (none included) but hidden ones and node_modules, which
// postextract skips in a folder too; each other part is matched as
// filepath.Match matches a name.
func globLocal(pattern string) ([]string, error) {
	pattern = path.Clean(filepath.ToSlash(pattern))
	base := strings.TrimSuffix(pattern[:strings.Index(pattern, "**")], "/")
	if strings.ContainsAny(base, "*?[") {
		return nil, fmt.Errorf("%s: ** must come before any other wildcard", pattern)
	}
	dir := base
	switch {
	case dir == "" && strings.HasPrefix(pattern, "/"):
		dir = "/"
	case dir == "":
		dir = "." // WalkDir yields "a/b.md", as the pattern reads
	}
	if _, err := os.Stat(filepath.FromSlash(dir)); err != nil {
		return nil, nil // nothing matches
	}
	want := strings.Split(pattern, "/")
	var out []string
	root := filepath.FromSlash(dir)
	// WalkDir does not follow a link at its root: walk where the base
	// folder leads, and name what it finds under the base as written.
	resolved, err := filepath.EvalSymlinks(root)
	if err != nil {
		return nil, nil // nothing matches
	}
	err = filepath.WalkDir(resolved, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // an unreadable folder holds no posts
		}
		if rel, err := filepath.Rel(resolved, p); err == nil {
			p = filepath.Join(root, rel)
		}
		if d.IsDir() {
			if p != root && hiddenOrTool(d.Name()) {
				return filepath.SkipDir // as postextract.PostFiles skips them
			}
			return nil
		}
		if strings.HasPrefix(d.Name(), ".") && !strings.HasPrefix(want[len(want)-1], ".") {
			return nil // a hidden file, as PostFiles leaves it out, unless the pattern asks for one
		}
		ok, err := matchParts(want, strings.Split(filepath.ToSlash(p), "/"))
		if ok && (d.Type().IsRegular() || d.Type()&fs.ModeSymlink != 0 && regular(p)) {
			out = append(out, p)
		}
		return err
	})
	return out, err
}

// matchParts reports whether the parts of a path match the parts of a
// pattern, where a part "**" matches any number of parts.
func matchParts(pp, sp []string) (bool, error) {
	for len(pp) > 0 {
		if pp[0] == "**" {
			for k := 0; k <= len(sp); k++ {
				if ok, err := matchParts(pp[1:], sp[k:]); ok || err != nil {
					return ok, err
				}
			}
			return false, nil
		}
		if len(sp) == 0 {
			return false, nil
		}
		ok, err := filepath.Match(pp[0], sp[0])
		if !ok || err != nil {
			return false, err
		}
		pp, sp = pp[1:], sp[1:]
	}
	return len(sp) == 0, nil
}
