package postextract

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func postFS(n int) fstest.MapFS {
	m := fstest.MapFS{
		"b/b.html":                   {Data: []byte("<title>B</title><p>b</p>")},
		"a.md":                       {Data: []byte("---\ntitle: A\n---\n<p>a</p>")},
		"c/d.markdown":               {Data: []byte("# D\n\ntext")},
		"c/e.htm":                    {Data: []byte("<h1>E</h1>")},
		"c/notes.txt":                {Data: []byte("not a post")},
		"c/broken.md":                {Data: []byte("---\ntitle: never closed\n")},
		".git/x.md":                  {Data: []byte("<p>hidden</p>")},
		"node_modules/pkg/readme.md": {Data: []byte("<p>a package</p>")},
		"c/.hidden/in-hidden-dir.md": {Data: []byte("<p>hidden</p>")},
		"z/.hidden-file.md":          {Data: []byte("<p>hidden</p>")},
		"z/visible.md":               {Data: []byte("<p>z</p>")},
	}
	for i := range n {
		m["many/"+strconv.Itoa(1000+i)+".md"] = &fstest.MapFile{Data: []byte("<p>post " + strconv.Itoa(i) + "</p>")}
	}
	return m
}

func TestPostsInOrder(t *testing.T) {
	e, err := New(WithWorkers(4))
	require.NoError(t, err)
	var paths []string
	var failed []string
	for p, err := range e.Posts(context.Background(), postFS(50), ".") {
		if err != nil {
			failed = append(failed, p.Path)
			assert.ErrorIs(t, err, ErrFrontMatter)
			var pe *fs.PathError
			assert.True(t, errors.As(err, &pe))
			continue
		}
		paths = append(paths, p.Path)
		require.NotNil(t, p.Article)
	}
	require.Len(t, paths, 55)
	assert.Equal(t, []string{"a.md", "b/b.html", "c/d.markdown", "c/e.htm"}, paths[:4])
	assert.Equal(t, "many/1000.md", paths[4])
	assert.Equal(t, "z/visible.md", paths[54])
	assert.Equal(t, []string{"c/broken.md"}, failed)
}

// TestPostFilesSkipsHidden: hidden files are skipped like hidden folders,
// below the root; a root given by name is walked whatever its name.
func TestPostFilesSkipsHidden(t *testing.T) {
	fsys := fstest.MapFS{
		".drafts/a.md":    {Data: []byte("<p>a</p>")},
		".hidden.md":      {Data: []byte("<p>h</p>")},
		"sub/.hidden.md":  {Data: []byte("<p>h</p>")},
		"sub/shown.md":    {Data: []byte("<p>s</p>")},
		"top.md":          {Data: []byte("<p>t</p>")},
		".dot/inside.htm": {Data: []byte("<p>i</p>")},
	}
	paths, err := PostFiles(fsys, ".")
	require.NoError(t, err)
	assert.Equal(t, []string{"sub/shown.md", "top.md"}, paths)
	paths, err = PostFiles(fsys, ".dot")
	require.NoError(t, err)
	assert.Equal(t, []string{".dot/inside.htm"}, paths)
}

// settled waits for the goroutine count to fall to n, and reports it.
func settled(n int) int {
	for range 200 {
		if g := runtime.NumGoroutine(); g <= n {
			return g
		}
		time.Sleep(5 * time.Millisecond)
	}
	return runtime.NumGoroutine()
}

func TestPostsBreakStopsWorkers(t *testing.T) {
	before := runtime.NumGoroutine()
	e, err := New(WithWorkers(4))
	require.NoError(t, err)
	n := 0
	for range e.Posts(context.Background(), postFS(500), ".") {
		n++
		if n == 3 {
			break
		}
	}
	assert.Equal(t, 3, n)
	assert.LessOrEqual(t, settled(before), before, "no goroutine left running")
}

func TestPostsCancel(t *testing.T) {
	before := runtime.NumGoroutine()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	n := 0
	var last error
	for _, err := range defaultExtractor().Posts(ctx, postFS(500), ".") {
		n++
		if n == 2 {
			cancel()
		}
		last = err
	}
	assert.ErrorIs(t, last, context.Canceled)
	assert.Less(t, n, 100)
	assert.LessOrEqual(t, settled(before), before)
}

func TestPostsInDir(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "sub"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "sub", "2020-01-02-hello.md"), []byte("Hello, *world*."), 0o644))
	var got []Post
	for p, err := range defaultExtractor().PostsInDir(context.Background(), dir) {
		require.NoError(t, err)
		got = append(got, p)
	}
	require.Len(t, got, 1)
	assert.Equal(t, filepath.Join(dir, "sub", "2020-01-02-hello.md"), got[0].Path)
	assert.Equal(t, "hello", got[0].Article.Title, "the file name gives the title")
	assert.Equal(t, 2020, got[0].Article.Date.Year())
}

// A panic in the loop body unwinds through ParseFiles: the workers are
// stopped and waited for, not left blocked on the window.
func TestParseFilesPanicInLoop(t *testing.T) {
	site := fstest.MapFS{}
	var paths []string
	for i := range 64 {
		p := fmt.Sprintf("p%02d.md", i)
		site[p] = &fstest.MapFile{Data: []byte("---\ntitle: t\n---\nText.\n")}
		paths = append(paths, p)
	}
	e, err := New(WithWorkers(1))
	require.NoError(t, err)
	done := make(chan any)
	go func() {
		defer func() { done <- recover() }()
		for range e.ParseFiles(context.Background(), site, paths) {
			panic("downstream")
		}
	}()
	select {
	case r := <-done:
		assert.Equal(t, "downstream", r)
	case <-time.After(10 * time.Second):
		t.Fatal("ParseFiles did not return after a panic in the loop body")
	}
}
