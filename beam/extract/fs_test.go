package extract

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/memfs"
	"github.com/postextract/postextract"
)

// TestBucket reads posts through a Beam file system that is not local (an
// object store's, here Beam's in-memory one): the site file at the
// bucket's top says the generator, and a bad post is a failure.
func TestBucket(t *testing.T) {
	memfs.Write("memfs://bucket/hugo.toml", []byte("baseURL = 'https://example.org/'\n"))
	memfs.Write("memfs://bucket/content/posts/a.md", []byte("---\ntitle: A\n---\nText.\n"))
	memfs.Write("memfs://bucket/content/posts/b.md", []byte(strings.Repeat("\x00\x01", 300)))
	memfs.Write("memfs://other/c.md", []byte("# C\n\nText.\n"))

	ex, err := Options{}.Extractor()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	paths := []string{"memfs://bucket/content/posts/a.md", "memfs://other/c.md", "memfs://bucket/content/posts/b.md"}
	err = readPosts(context.Background(), ex, paths, func(path string, a *postextract.Article, err error) error {
		if err != nil {
			got = append(got, path+" "+failure(path, err).Kind)
		} else {
			got = append(got, path+" "+a.Title+" "+a.Generator)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"memfs://bucket/content/posts/a.md A hugo",
		"memfs://bucket/content/posts/b.md binary",
		"memfs://other/c.md C ",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// The folders of the bucket list the files directly in them (Beam's
	// file systems match "dir/*" within the folder: no subfolders).
	bfs, err := splitAndOpen(t, "memfs://bucket/")
	if err != nil {
		t.Fatal(err)
	}
	entries, err := fs.ReadDir(bfs, "/")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() {
			n += "/"
		}
		names = append(names, n)
	}
	if strings.Join(names, " ") != "hugo.toml" {
		t.Errorf("ReadDir(/) = %q", names)
	}
	if st, err := fs.Stat(bfs, "/content/posts/a.md"); err != nil || st.Size() != 23 || st.IsDir() {
		t.Errorf("Stat(a.md) = %v, %v", st, err)
	}
	if _, err := fs.Stat(bfs, "/missing.md"); err == nil {
		t.Error("Stat(missing.md): no error")
	}
}

// splitAndOpen returns the fs.FS that readPosts reads the root of p by.
func splitAndOpen(t *testing.T, p string) (fs.FS, error) {
	t.Helper()
	root, _, err := splitRoot(p)
	if err != nil {
		return nil, err
	}
	fsys, err := newBeamFS(context.Background(), root)
	if err != nil {
		return nil, err
	}
	t.Cleanup(func() { fsys.fs.Close() })
	return fsys, nil
}

// TestCancelled: a cancelled context ends the bundle with its error, with
// no failure record for a post that was not read.
func TestCancelled(t *testing.T) {
	dir := t.TempDir()
	var paths []string
	for i := range 500 { // more than the window of results ParseFiles reads ahead
		p := filepath.Join(dir, fmt.Sprintf("p%d.md", i))
		if err := os.WriteFile(p, []byte("# T\n\nText.\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	ex, err := Options{}.Extractor()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var failed []string
	err = readPosts(ctx, ex, paths, func(path string, a *postextract.Article, err error) error {
		if err != nil {
			failed = append(failed, path+": "+err.Error())
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) || len(failed) != 0 {
		t.Errorf("readPosts on a cancelled context: %v, failures %q; want context.Canceled and none", err, failed)
	}

	// Cancelled while the posts are read: also its error, and no failure.
	ctx, cancel = context.WithCancel(context.Background())
	n := 0
	err = readPosts(ctx, ex, paths, func(path string, a *postextract.Article, err error) error {
		if err != nil {
			failed = append(failed, path+": "+err.Error())
		}
		if n++; n == 3 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) || len(failed) != 0 {
		t.Errorf("readPosts cancelled midway: %v, failures %q; want context.Canceled and none", err, failed)
	}
}
