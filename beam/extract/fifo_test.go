//go:build unix

package extract

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/passert"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"
	"github.com/postextract/postextract"
)

// TestFIFO puts named pipes named like posts among the posts: the
// patterns leave them out, as the postextract command leaves them out of
// a folder, and a pipe's path given to Articles is a failure; nothing
// waits for a writer.
func TestFIFO(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	post := filepath.Join(dir, "a.md")
	if err := os.WriteFile(post, []byte("# A\n\nText.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	pipe, deep := filepath.Join(dir, "pipe.md"), filepath.Join(dir, "sub", "pipe.md")
	for _, p := range []string{pipe, deep} {
		if err := syscall.Mkfifo(p, 0o644); err != nil {
			t.Skip("mkfifo:", err)
		}
	}

	done := make(chan struct{})
	go func() {
		defer close(done)
		p, s := beam.NewPipelineWithRoot()
		paths := MatchPaths(s, beam.Create(s, filepath.Join(dir, "*.md"), filepath.Join(dir, "**", "*.md")))
		passert.Equals(s, paths, post, post)
		if err := ptest.Run(p); err != nil {
			t.Error(err)
		}

		ex, err := Options{}.Extractor()
		if err != nil {
			t.Error(err)
			return
		}
		var got []Failure
		err = readPosts(context.Background(), ex, []string{pipe}, func(path string, a *postextract.Article, err error) error {
			if err != nil {
				got = append(got, failure(path, err))
			}
			return nil
		})
		if err != nil || len(got) != 1 || got[0].Kind != "read" || got[0].Error != "not a regular file" {
			t.Errorf("reading a pipe: %+v, %v; want one read failure", got, err)
		}
	}()
	select {
	case <-done:
	case <-time.After(time.Minute):
		t.Fatal("hangs on a named pipe")
	}
}
