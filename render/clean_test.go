package render

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/postextract/postextract"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
)

// htmlPieces returns the raw HTML that goldmark finds in a Markdown body
// (HTML blocks and inline tags), one string a piece.
func htmlPieces(body []byte) []string {
	md := goldmark.New(goldmark.WithExtensions(extension.GFM))
	doc := md.Parser().Parse(text.NewReader(body))
	var pieces []string
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var b strings.Builder
		switch n := n.(type) {
		case *ast.HTMLBlock:
			for i := range n.Lines().Len() {
				seg := n.Lines().At(i)
				b.Write(seg.Value(body))
			}
			if n.HasClosure() {
				b.Write(n.ClosureLine.Value(body))
			}
		case *ast.RawHTML:
			for i := range n.Segments.Len() {
				seg := n.Segments.At(i)
				b.Write(seg.Value(body))
			}
		default:
			return ast.WalkContinue, nil
		}
		pieces = append(pieces, b.String())
		return ast.WalkSkipChildren, nil
	})
	return pieces
}

// markdownBody returns a post file's text after its front matter (YAML
// between --- lines, or TOML between +++ lines).
func markdownBody(file []byte) []byte {
	for _, fence := range []string{"---", "+++"} {
		if rest, ok := bytes.CutPrefix(file, []byte(fence+"\n")); ok {
			if body, ok := bytes.CutPrefix(rest, []byte(fence+"\n")); ok {
				return body // empty front matter
			}
			if _, body, ok := bytes.Cut(rest, []byte("\n"+fence+"\n")); ok {
				return body
			}
		}
	}
	return file
}

// cleanStats counts, over a set of posts, those whose source body is
// Markdown with no raw HTML, and of those the ones written with none.
type cleanStats struct {
	posts, cleanSource, cleanBoth int
	captioned                     []string // clean source, but a caption (a template tag's) that only HTML says
	dirty                         []string // clean source, HTML written
	uncaptioned                   []string // an image without a caption written as HTML
}

// add writes the post read from path as Markdown and counts it.
func (s *cleanStats) add(t *testing.T, path string, a *postextract.Article) {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := Markdown(&out, a); err != nil {
		t.Fatal(err)
	}
	written := htmlPieces(markdownBody(out.Bytes()))
	s.posts++
	for _, p := range written {
		if strings.Contains(p, "<img") && !strings.Contains(p, "<figcaption") {
			s.uncaptioned = append(s.uncaptioned, path+": "+p)
		}
	}
	if a.Format != "markdown" || len(htmlPieces(markdownBody(src))) > 0 {
		return
	}
	if hasCaption(a) && len(written) > 0 {
		s.captioned = append(s.captioned, path)
		return
	}
	s.cleanSource++
	if len(written) == 0 {
		s.cleanBoth++
	} else {
		s.dirty = append(s.dirty, path+": "+strings.Join(written, " "))
	}
}

// hasCaption reports whether a post has a caption: a template tag (a
// Jekyll include, a Hugo figure) may say one in a body free of HTML, but
// Markdown cannot, and SPEC writes it as a <figure>.
func hasCaption(a *postextract.Article) bool {
	for _, b := range a.Blocks {
		if b.Kind == postextract.KindCaption || b.Image != nil && b.Image.Caption != "" {
			return true
		}
	}
	return false
}

func (s *cleanStats) share() float64 {
	if s.cleanSource == 0 {
		return 1
	}
	return float64(s.cleanBoth) / float64(s.cleanSource)
}

// TestMarkdownClean is the measure of clean Markdown: over the fixtures
// and the three dev corpora, the share of posts whose Markdown source had no
// raw HTML and whose written Markdown has none. formats-dev must be at
// 100%, and no image without a caption anywhere may be written as HTML.
func TestMarkdownClean(t *testing.T) {
	sets := map[string]*cleanStats{}
	fixtures := &cleanStats{}
	files, _ := filepath.Glob("../testdata/posts/*")
	for _, f := range files {
		if a, err := postextract.ParseFile(f); err == nil {
			fixtures.add(t, f, a)
		}
	}
	sets["fixtures"] = fixtures
	for _, dir := range []string{"../../shared/corpus/dev", "../../shared/corpus/formats-dev", "../../shared/corpus/generators-dev"} {
		if _, err := os.Stat(dir); err != nil {
			t.Logf("skipping %s: not present beside the project (%v)", dir, err)
			continue
		}
		s := &cleanStats{}
		for p, err := range (&postextract.Extractor{}).PostsInDir(t.Context(), dir) {
			if err != nil {
				continue
			}
			path := p.Path
			if _, err := os.Stat(path); err != nil {
				path = filepath.Join(dir, p.Path)
			}
			s.add(t, path, p.Article)
		}
		sets[filepath.Base(dir)] = s
	}
	total := &cleanStats{}
	for _, name := range []string{"fixtures", "dev", "formats-dev", "generators-dev"} {
		s := sets[name]
		if s == nil {
			continue
		}
		t.Logf("%s: %d posts; %d with a Markdown body free of raw HTML, %d of them (%.0f%%) written free of it; "+
			"%d more say a caption with a template tag, written as a <figure>",
			name, s.posts, s.cleanSource, s.cleanBoth, 100*s.share(), len(s.captioned))
		for _, d := range s.dirty {
			t.Logf("  written with HTML: %.200s", d)
		}
		total.posts += s.posts
		total.cleanSource += s.cleanSource
		total.cleanBoth += s.cleanBoth
		for _, u := range s.uncaptioned {
			t.Errorf("an image without a caption is written as HTML: %s", u)
		}
	}
	t.Logf("all: %d posts; %d clean sources, %d (%.0f%%) written clean", total.posts, total.cleanSource, total.cleanBoth, 100*total.share())
	if s := sets["formats-dev"]; s != nil {
		for _, d := range s.dirty {
			t.Errorf("formats-dev: a post free of raw HTML is written with some: %s", d)
		}
	}
}
