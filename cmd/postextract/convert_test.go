package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/postextract/postextract"
	"github.com/postextract/postextract/internal/roundtrip"
)

// corpusDir is the shared corpus of real posts, from this package's folder.
var corpusDir = filepath.Join("..", "..", "..", "shared", "corpus", "dev")

// TestMarkdownRoundTripCorpus is the contract of -f markdown -o: the files
// it writes read back, post by post, as the same articles as the posts
// they came from — metadata, images and blocks (image sizes may be lost).
func TestMarkdownRoundTripCorpus(t *testing.T) {
	if _, err := os.Stat(corpusDir); err != nil {
		t.Skipf("no corpus to convert: %v", err)
	}
	out := t.TempDir()
	var stderr bytes.Buffer
	args := []string{"-progress=never", "-warnings=never", "-f", "markdown", "-o", out, corpusDir}
	if code := run(args, strings.NewReader(""), &bytes.Buffer{}, &stderr); code != exitOK {
		t.Fatalf("postextract %s: exit status %d, want 0; stderr begins:\n%s", strings.Join(args, " "), code, firstLines(stderr.String(), 5))
	}
	want := readPosts(t, corpusDir)
	got := readPosts(t, out)
	if len(want) == 0 {
		t.Fatalf("no posts read from %s", corpusDir)
	}

	var differ []string
	for _, name := range sortedKeys(want) {
		g, ok := got[name]
		if !ok {
			differ = append(differ, fmt.Sprintf("%s: no output file read back", name))
			continue
		}
		if d := diffArticles(want[name], g); d != "" {
			differ = append(differ, name+": "+d)
		}
	}
	for _, name := range sortedKeys(got) {
		if _, ok := want[name]; !ok {
			differ = append(differ, fmt.Sprintf("%s: an output file for no input", name))
		}
	}
	if len(differ) > 0 {
		t.Errorf("%d of %d posts do not read back the same after -f markdown -o; the first:\n%s", len(differ), len(want), differ[0])
		for _, d := range differ[1:min(len(differ), 10)] {
			t.Logf("also %s", firstLines(d, 1))
		}
	}
}

// readPosts reads the posts under dir with -f jsonl, in-process, keyed by
// their path in dir without its extension (a.html becomes a.md under -o).
func readPosts(t *testing.T, dir string) map[string]*postextract.Article {
	t.Helper()
	var stdout, stderr bytes.Buffer
	args := []string{"-progress=never", "-warnings=never", "-f", "jsonl", dir}
	if code := run(args, strings.NewReader(""), &stdout, &stderr); code != exitOK {
		t.Fatalf("postextract %s: exit status %d, want 0; stderr begins:\n%s", strings.Join(args, " "), code, firstLines(stderr.String(), 5))
	}
	posts := map[string]*postextract.Article{}
	sc := bufio.NewScanner(&stdout)
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		p := struct {
			Path string `json:"path"`
			*postextract.Article
		}{Article: new(postextract.Article)}
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			t.Fatalf("reading %s: %v", dir, err)
		}
		rel, err := filepath.Rel(dir, p.Path)
		if err != nil {
			t.Fatal(err)
		}
		posts[filepath.ToSlash(strings.TrimSuffix(rel, filepath.Ext(rel)))] = p.Article
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return posts
}

// diffArticles names the first field in which got differs from want, with
// both values, or returns "": the round trip's fields, and the Images list.
func diffArticles(want, got *postextract.Article) string {
	if d := roundtrip.Diff(want, got); d != "" {
		return d
	}
	wantImages, gotImages := make([]*roundtrip.ImageFacts, len(want.Images)), make([]*roundtrip.ImageFacts, len(got.Images))
	for i := range want.Images {
		wantImages[i] = roundtrip.Facts(&want.Images[i])
	}
	for i := range got.Images {
		gotImages[i] = roundtrip.Facts(&got.Images[i])
	}
	if !reflect.DeepEqual(wantImages, gotImages) {
		return fmt.Sprintf("images differs\n  want %s\n   got %s", roundtrip.JSON(wantImages), roundtrip.JSON(gotImages))
	}
	return ""
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// firstLines is the first n lines of s.
func firstLines(s string, n int) string {
	lines := strings.SplitAfter(s, "\n")
	return strings.Join(lines[:min(n, len(lines))], "")
}

// TestOutExitStatus checks the exit status of -o's refusals (2, and no file
// written) and of a failed post among good ones (1, the others written),
// which the scripts see only as success or failure.
func TestOutExitStatus(t *testing.T) {
	posts := map[string]string{
		"a.md":       "---\ntitle: A\n---\n<p>a</p>\n",
		"sub/b.html": "<h1>B</h1><p>b</p>",
		"sub/b.md":   "---\ntitle: B again\n---\n<p>b</p>\n",
		"bad.md":     "---\ntitle: never closed\n",
	}
	for _, c := range []struct {
		name  string
		args  func(in, out string) []string
		stdin string
		code  int
		files []string // written under out
	}{
		{"all good", func(in, out string) []string {
			return []string{"-f", "text", "-o", out, in + "/a.md", in + "/sub/b.md"}
		}, "",
			exitOK, []string{"a.txt", "b.txt"}},
		{"a failed post", func(in, out string) []string { return []string{"-f", "text", "-o", out, in + "/a.md", in + "/bad.md"} }, "",
			exitFailed, []string{"a.txt"}},
		{"an output is an input", func(in, out string) []string { return []string{"-f", "markdown", "-o", in, in + "/a.md"} }, "",
			exitUsage, nil},
		{"two posts, one output", func(in, out string) []string { return []string{"-f", "json", "-o", out, in + "/sub"} }, "",
			exitUsage, nil},
		{"standard input", func(in, out string) []string { return []string{"-f", "json", "-o", out, "-"} }, "<p>x</p>",
			exitUsage, nil},
		{"html, several posts, no -o", func(in, out string) []string { return []string{"-f", "html", in + "/a.md", in + "/sub/b.md"} }, "",
			exitUsage, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			in, out := t.TempDir(), filepath.Join(t.TempDir(), "out")
			for name, src := range posts {
				p := filepath.Join(in, filepath.FromSlash(name))
				if err := os.MkdirAll(filepath.Dir(p), 0o777); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte(src), 0o666); err != nil {
					t.Fatal(err)
				}
			}
			var stdout, stderr bytes.Buffer
			code := run(append([]string{"-progress=never"}, c.args(in, out)...), strings.NewReader(c.stdin), &stdout, &stderr)
			if code != c.code {
				t.Fatalf("exit status %d, want %d; stderr:\n%s", code, c.code, stderr.String())
			}
			if stdout.Len() > 0 {
				t.Errorf("stdout %q, want nothing", stdout.String())
			}
			var files []string
			filepath.WalkDir(out, func(path string, d os.DirEntry, err error) error {
				if err == nil && !d.IsDir() {
					rel, _ := filepath.Rel(out, path)
					files = append(files, filepath.ToSlash(rel))
				}
				return nil
			})
			if !slices.Equal(files, c.files) {
				t.Errorf("files written %q, want %q", files, c.files)
			}
			if b, err := os.ReadFile(filepath.Join(in, "a.md")); err != nil || string(b) != posts["a.md"] {
				t.Errorf("the input a.md was changed: %q, %v", b, err)
			}
		})
	}
}

// The round-trip test is only as good as its comparison: it must see a
// change in any field it promises to compare, and not in image sizes.
func TestDiffArticles(t *testing.T) {
	base := func() *postextract.Article {
		return &postextract.Article{
			Title: "T", Tags: []string{"a"}, Cover: &postextract.Image{URL: "https://e.com/c.png"},
			Images: []postextract.Image{{URL: "https://e.com/i.png", Width: 10}},
			Blocks: []postextract.Block{
				{Kind: postextract.KindParagraph, Text: "x", Runs: []postextract.Run{{Text: "x", Strong: true}}},
				{Kind: postextract.KindImage, Image: &postextract.Image{URL: "https://e.com/i.png", Width: 10}},
				{Kind: postextract.KindTable, Text: "a", Rows: [][]string{{"a"}}},
			},
		}
	}
	if d := diffArticles(base(), base()); d != "" {
		t.Fatalf("the same article differs: %s", d)
	}
	sizes := base()
	sizes.Images[0].Width, sizes.Blocks[1].Image.Height = 0, 5
	if d := diffArticles(base(), sizes); d != "" {
		t.Errorf("image sizes compared: %s", d)
	}
	for want, change := range map[string]func(a *postextract.Article){
		"title differs":             func(a *postextract.Article) { a.Title = "U" },
		"tags differs":              func(a *postextract.Article) { a.Tags = nil },
		"cover url differs":         func(a *postextract.Article) { a.Cover = nil },
		"draft differs":             func(a *postextract.Article) { a.Draft = true },
		"images differs":            func(a *postextract.Article) { a.Images[0].Alt = "alt" },
		"block 0 (paragraph): runs": func(a *postextract.Article) { a.Blocks[0].Runs[0].Strong = false },
		"block 1 (image): image":    func(a *postextract.Article) { a.Blocks[1].Image.Caption = "c" },
		"block 2 (table): rows":     func(a *postextract.Article) { a.Blocks[2].Rows = nil },
		"blocks: 2, want 3":         func(a *postextract.Article) { a.Blocks = a.Blocks[:2] },
	} {
		got := base()
		change(got)
		if d := diffArticles(base(), got); !strings.HasPrefix(d, want) {
			t.Errorf("diff %q, want it to begin %q", d, want)
		}
	}
}
