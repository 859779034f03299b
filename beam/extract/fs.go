package extract

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
)

// splitRoot splits a path as Beam names it into the root of its file
// system ("" for a local file, "gs://bucket" for an object) and a rooted
// slash path in it ("/a/b.md"), which is how ParseFiles reads a post and
// the folders above it. A relative local path is made absolute, as the
// command-line tool does, so that the site files above it are found.
func splitRoot(p string) (root, name string, err error) {
	if i := strings.Index(p, "://"); i > 0 {
		rest := p[i+3:]
		j := strings.IndexByte(rest, '/')
		if j < 0 {
			return p, "/", nil
		}
		return p[:i+3+j], rest[j:], nil
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", "", err
	}
	return "", filepath.ToSlash(abs), nil
}

// localFS opens local files by their absolute slash paths with os.Open,
// as the command-line tool does: *os.File lists folders, so site
// detection reads them as the tool does. It opens folders and regular
// files only: a named pipe, a socket or a device is stated first and
// refused (opening a pipe waits for a writer), so such a path given to
// Articles is a failure of kind "read", "not a regular file".
type localFS struct{}

// errNotRegular is the error of a path that is neither a regular file nor
// a folder.
var errNotRegular = errors.New("not a regular file")

func (localFS) Open(name string) (fs.File, error) {
	p := filepath.FromSlash(name)
	st, err := os.Stat(p)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() && !st.IsDir() {
		return nil, &fs.PathError{Op: "open", Path: name, Err: errNotRegular}
	}
	return os.Open(p)
}

// Stat makes localFS an fs.StatFS: what asks whether a file is there, or
// what it is, does not open it.
func (localFS) Stat(name string) (fs.FileInfo, error) { return os.Stat(filepath.FromSlash(name)) }

// beamFS is a read-only fs.FS over a Beam file system (gcs, s3, …) rooted
// at root ("gs://bucket"); it opens rooted names ("/a/b.md"). A folder is
// listed with the glob "dir/*": object stores have no folders, so only the
// objects directly in it are entries, and a folder that cannot be listed
// has none.
type beamFS struct {
	ctx  context.Context
	fs   filesystem.Interface
	root string
}

// newBeamFS returns the fs.FS of the Beam file system that root
// ("gs://bucket") names; its Close is the caller's.
func newBeamFS(ctx context.Context, root string) (beamFS, error) {
	fsys, err := filesystem.New(ctx, root+"/")
	if err != nil {
		return beamFS{}, err
	}
	return beamFS{ctx: ctx, fs: fsys, root: root}, nil
}

func (b beamFS) Open(name string) (fs.File, error) {
	full := b.root + name
	if name == "/" || strings.HasSuffix(name, "/") {
		return b.openDir(name)
	}
	rc, err := b.fs.OpenRead(b.ctx, full)
	if err != nil {
		// An object store has no folder objects: a name that does not
		// open may be a folder, whose listing ReadDir asks for.
		if d, derr := b.openDir(name); derr == nil && len(d.entries) > 0 {
			return d, nil
		}
		return nil, &fs.PathError{Op: "open", Path: full, Err: err}
	}
	size := int64(-1)
	if n, err := b.fs.Size(b.ctx, full); err == nil {
		size = n
	}
	return &beamFile{ReadCloser: rc, info: fileInfo{name: path.Base(name), size: size}}, nil
}

// listings holds the folders listed in this worker, by name, for every
// bundle: gcs and s3 list "dir/*" by listing every object under dir/ and
// keeping those directly in it, so the top folder of a bucket costs a
// listing of the whole bucket, once per worker rather than per bundle.
var listings sync.Map // "gs://bucket/dir/" → []string

// openDir lists the folder name; its entries are the files directly in
// it and the folders that the names of deeper files pass through.
func (b beamFS) openDir(name string) (*beamDir, error) {
	dir := strings.TrimSuffix(b.root+name, "/") + "/"
	var names []string
	if v, ok := listings.Load(dir); ok {
		names = v.([]string)
	} else {
		var err error
		names, err = b.fs.List(b.ctx, dir+"*")
		if err != nil {
			return nil, &fs.PathError{Op: "readdir", Path: dir, Err: err}
		}
		listings.Store(dir, names)
	}
	d := &beamDir{info: fileInfo{name: path.Base(name), dir: true}}
	seen := map[string]bool{}
	for _, n := range names {
		rest, ok := strings.CutPrefix(n, dir)
		if !ok || rest == "" {
			continue
		}
		first, deeper, isDir := strings.Cut(rest, "/")
		if seen[first] {
			continue
		}
		seen[first] = true
		d.entries = append(d.entries, fs.FileInfoToDirEntry(fileInfo{name: first, dir: isDir || deeper != "", size: -1}))
	}
	return d, nil
}

// beamFile is an object opened for reading.
type beamFile struct {
	io.ReadCloser
	info fileInfo
}

func (f *beamFile) Stat() (fs.FileInfo, error) { return f.info, nil }

// beamDir is a listed folder.
type beamDir struct {
	info    fileInfo
	entries []fs.DirEntry
	read    bool
}

func (d *beamDir) Stat() (fs.FileInfo, error) { return d.info, nil }
func (d *beamDir) Read([]byte) (int, error)   { return 0, errors.New("is a folder") }
func (d *beamDir) Close() error               { return nil }

// ReadDir returns the entries, all of them at once.
func (d *beamDir) ReadDir(n int) ([]fs.DirEntry, error) {
	if d.read {
		if n > 0 {
			return nil, io.EOF
		}
		return nil, nil
	}
	d.read = true
	return d.entries, nil
}

// fileInfo describes an object or a folder; a size of -1 is unknown.
type fileInfo struct {
	name string
	size int64
	dir  bool
}

func (i fileInfo) Name() string { return i.name }
func (i fileInfo) Size() int64 {
	if i.size < 0 {
		return 0
	}
	return i.size
}
func (i fileInfo) Mode() fs.FileMode {
	if i.dir {
		return fs.ModeDir | 0o555
	}
	return 0o444
}
func (i fileInfo) ModTime() time.Time { return time.Time{} }
func (i fileInfo) IsDir() bool        { return i.dir }
func (i fileInfo) Sys() any           { return nil }
