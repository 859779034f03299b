package postextract

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"golang.org/x/net/html"
)

// benchSets are the post sets benchmarks run over: the dev corpus beside
// the repository (skipped when absent) and the fixtures that parse.
var benchSets = []struct{ name, glob string }{
	{"corpus", filepath.Join(corpusDir, "*.md")},
	{"formats", filepath.Join(formatsDir, "*", "*.*")},
	{"fixtures", "testdata/posts/*"},
}

// formatsDir holds the Hugo, Hexo, Jekyll, Obsidian and export posts beside
// the repository: Markdown bodies, mostly.
const formatsDir = "../shared/corpus/formats-dev"

func benchPosts(b *testing.B, glob string) [][]byte {
	b.Helper()
	paths, _ := filepath.Glob(glob)
	var posts [][]byte
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Parse(src); err == nil {
			posts = append(posts, src)
		}
	}
	if len(posts) == 0 {
		b.Skipf("no posts at %s", glob)
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

// BenchmarkParse parses every post of a set once per iteration; compare its
// ns/op and allocs/op with BenchmarkHTMLParse, the floor.
func BenchmarkParse(b *testing.B) {
	e, err := New()
	if err != nil {
		b.Fatal(err)
	}
	for _, set := range benchSets {
		b.Run(set.name, func(b *testing.B) {
			posts := benchPosts(b, set.glob)
			b.SetBytes(totalSize(posts))
			b.ReportAllocs()
			for b.Loop() {
				for _, p := range posts {
					if _, err := e.Parse(p); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

// BenchmarkHTMLParse is the floor: html.Parse of the same posts' bodies —
// of a Markdown body, goldmark's rendering and html.Parse of the result —
// with the same byte count for MB/s.
func BenchmarkHTMLParse(b *testing.B) {
	for _, set := range benchSets {
		b.Run(set.name, func(b *testing.B) {
			posts, bodies := benchBodies(b, set.glob)
			b.SetBytes(totalSize(posts))
			b.ReportAllocs()
			for b.Loop() {
				for _, body := range bodies {
					floorParse(b, body)
				}
			}
		})
	}
}

// floorBody is a post's body and whether it is Markdown.
type floorBody struct {
	body     []byte
	markdown bool
}

// benchBodies returns the posts of a set and their bodies.
func benchBodies(b *testing.B, glob string) ([][]byte, []floorBody) {
	posts := benchPosts(b, glob)
	bodies := make([]floorBody, len(posts))
	for i, p := range posts {
		fm, err := splitFrontMatter(bytes.TrimPrefix(p, []byte("\xEF\xBB\xBF")), &report{})
		if err != nil {
			b.Fatal(err)
		}
		a, _ := Parse(p)
		bodies[i] = floorBody{fm.body, a.Format == FormatMarkdown}
	}
	return posts, bodies
}

// floorParse is the floor's work for one body.
func floorParse(b *testing.B, f floorBody) {
	body := f.body
	if f.markdown {
		body = renderMarkdown(body, nil)
	}
	if _, err := html.ParseWithOptions(bytes.NewReader(body), html.ParseOptionEnableScripting(false)); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkFloorRatio interleaves, post by post, the floor's work and
// Parse of the whole post, and reports their time ratio (x-floor): a drift
// in the machine's load falls on both alike, which two benchmarks run one
// after the other do not promise.
func BenchmarkFloorRatio(b *testing.B) {
	for _, set := range benchSets[:2] {
		b.Run(set.name, func(b *testing.B) {
			posts, bodies := benchBodies(b, set.glob)
			var floor, parse time.Duration
			for b.Loop() {
				for i, p := range posts {
					t0 := time.Now()
					floorParse(b, bodies[i])
					t1 := time.Now()
					if _, err := defaultExtractor().Parse(p); err != nil {
						b.Fatal(err)
					}
					parse += time.Since(t1)
					floor += t1.Sub(t0)
				}
			}
			b.ReportMetric(float64(parse)/float64(floor), "x-floor")
		})
	}
}

// BenchmarkSniff is what deciding HTML or Markdown costs the dev corpus'
// bodies: compare with BenchmarkHTMLParse/corpus.
func BenchmarkSniff(b *testing.B) {
	posts, bodies := benchBodies(b, filepath.Join(corpusDir, "*.md"))
	b.SetBytes(totalSize(posts))
	b.ReportAllocs()
	for b.Loop() {
		for _, f := range bodies {
			sniffMarkdown(f.body)
		}
	}
}

// BenchmarkMarkdownScaling reads one Markdown post repeated 1, 8 and 64
// times: the time per byte should stay flat (linear cost).
func BenchmarkMarkdownScaling(b *testing.B) {
	benchScaling(b, "testdata/posts/md-basics.md", "\n")
}

// BenchmarkParseScaling parses one post repeated 1, 8 and 64 times: the
// time per byte should stay flat (linear cost).
func BenchmarkParseScaling(b *testing.B) {
	benchScaling(b, "testdata/posts/zaker-community.md", "")
}

// benchScaling parses the post at path with its body repeated 1, 8 and 64
// times, sep between the copies.
func benchScaling(b *testing.B, path, sep string) {
	src, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	fm, err := splitFrontMatter(src, &report{})
	if err != nil {
		b.Fatal(err)
	}
	head := src[:len(src)-len(fm.body)]
	for _, n := range []int{1, 8, 64} {
		post := append(append([]byte(nil), head...), bytes.Repeat(append(fm.body, sep...), n)...)
		b.Run("x"+strconv.Itoa(n), func(b *testing.B) {
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

// BenchmarkMarkdownCost parses each of costPatterns at 100 KB and 1 MB as a
// Markdown body, interleaved with 1 MB of prose, and reports the time of
// each against the prose's (x-prose; issue 22 item 23: at most 10 at 1 MB)
// and in ms: a drift in the machine's load falls on both alike.
func BenchmarkMarkdownCost(b *testing.B) {
	e, err := New(WithFormat(FormatMarkdown), WithMaxBytes(4<<20))
	if err != nil {
		b.Fatal(err)
	}
	head := []byte("---\ntitle: t\n---\n")
	prose := append(head[:len(head):len(head)], costPatterns[0].make(1<<20)...)
	for _, p := range costPatterns[1:] {
		for _, n := range []int{100 << 10, 1 << 20} {
			post := append(head[:len(head):len(head)], p.make(n)...)
			b.Run(p.name+"/"+strconv.Itoa(n>>10)+"K", func(b *testing.B) {
				var base, took time.Duration
				for b.Loop() {
					t0 := time.Now()
					_, err1 := e.Parse(prose)
					t1 := time.Now()
					_, err2 := e.Parse(post)
					took += time.Since(t1)
					base += t1.Sub(t0)
					if err1 != nil || err2 != nil {
						b.Fatal(err1, err2)
					}
				}
				b.ReportMetric(float64(took)/float64(base), "x-prose")
				b.ReportMetric(float64(took.Milliseconds())/float64(b.N), "ms")
			})
		}
	}
}

// BenchmarkMarkdownGuard is the Markdown guard's own cost on the posts'
// bodies, as a share of the floor's work on them (x-floor), interleaved.
func BenchmarkMarkdownGuard(b *testing.B) {
	for _, set := range benchSets[:2] {
		b.Run(set.name, func(b *testing.B) {
			_, bodies := benchBodies(b, set.glob)
			var floor, guard time.Duration
			for b.Loop() {
				for _, f := range bodies {
					t0 := time.Now()
					floorParse(b, f)
					t1 := time.Now()
					guardMarkdown(f.body)
					guard += time.Since(t1)
					floor += t1.Sub(t0)
				}
			}
			b.ReportMetric(float64(guard)/float64(floor), "x-floor")
		})
	}
}
