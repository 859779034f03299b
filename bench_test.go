package postextract

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/net/html"
)

// benchPosts returns the posts benchmarks run over: the fixtures that
// parse, and the dev corpus when it is beside the repository.
func benchPosts(b *testing.B) [][]byte {
	b.Helper()
	paths, _ := filepath.Glob("testdata/posts/*")
	corpus, _ := filepath.Glob(filepath.Join(corpusDir, "*.md"))
	var posts [][]byte
	for _, p := range append(paths, corpus...) {
		src, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Parse(src); err == nil {
			posts = append(posts, src)
		}
	}
	return posts
}

func totalSize(posts [][]byte) int64 {
	var n int64
	for _, p := range posts {
		n += int64(len(p))
	}
	return n
}

// BenchmarkParse parses every post once per iteration; compare its ns/op and
// allocs/op with BenchmarkHTMLParse, the floor.
func BenchmarkParse(b *testing.B) {
	posts := benchPosts(b)
	e, err := New()
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(totalSize(posts))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, p := range posts {
			if _, err := e.Parse(p); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkHTMLParse is the floor: html.Parse of the same posts' bodies,
// with the same byte count for MB/s.
func BenchmarkHTMLParse(b *testing.B) {
	posts := benchPosts(b)
	bodies := make([][]byte, len(posts))
	for i, p := range posts {
		fm, err := splitFrontMatter(bytes.TrimPrefix(p, []byte("\xEF\xBB\xBF")))
		if err != nil {
			b.Fatal(err)
		}
		bodies[i] = fm.body
	}
	b.SetBytes(totalSize(posts))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, body := range bodies {
			if _, err := html.ParseWithOptions(bytes.NewReader(body), html.ParseOptionEnableScripting(false)); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkParseScaling parses one post repeated 1, 8 and 64 times: the
// time per byte should stay flat (linear cost).
func BenchmarkParseScaling(b *testing.B) {
	src, err := os.ReadFile("testdata/posts/zaker-community.md")
	if err != nil {
		b.Fatal(err)
	}
	fm, err := splitFrontMatter(src)
	if err != nil {
		b.Fatal(err)
	}
	head := src[:len(src)-len(fm.body)]
	for _, n := range []int{1, 8, 64} {
		post := append(append([]byte(nil), head...), bytes.Repeat(fm.body, n)...)
		b.Run("x"+itoa(n), func(b *testing.B) {
			b.SetBytes(int64(len(post)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Parse(post); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}
