//go:build unix

package postextract

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A named pipe called _config.yml above a post is never opened: opening
// it would wait for a writer.
func TestSiteFileNamedPipe(t *testing.T) {
	root := t.TempDir()
	require.NoError(t, syscall.Mkfifo(filepath.Join(root, "_config.yml"), 0o644))
	require.NoError(t, os.MkdirAll(filepath.Join(root, "_posts"), 0o755))
	post := filepath.Join(root, "_posts", "2020-01-02-x.md")
	require.NoError(t, os.WriteFile(post, []byte("---\ntitle: t\n---\nhello\n"), 0o644))
	a, err := ParseFile(post)
	require.NoError(t, err)
	assert.Equal(t, "jekyll", a.Generator, "the pipe names the site; it is not read")
}

// A named pipe with a post's name is no post of a folder: the walk leaves
// it out rather than block on opening it.
func TestPostFilesSkipsPipes(t *testing.T) {
	root := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(root, "good.md"), []byte("---\ntitle: t\n---\nText.\n"), 0o644))
	require.NoError(t, syscall.Mkfifo(filepath.Join(root, "pipe.md"), 0o644))
	paths, err := PostFiles(os.DirFS(root), ".")
	require.NoError(t, err)
	assert.Equal(t, []string{"good.md"}, paths)
}
