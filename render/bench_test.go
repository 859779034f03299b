package render

import (
	"io"
	"path/filepath"
	"testing"

	"github.com/postextract/postextract"
)

// BenchmarkMarkdown writes every fixture post and every post of the dev
// corpora (when present) as Markdown, once per iteration.
func BenchmarkMarkdown(b *testing.B) {
	var posts []*postextract.Article
	files, _ := filepath.Glob("../testdata/posts/*")
	for _, f := range files {
		if a, err := postextract.ParseFile(f); err == nil {
			posts = append(posts, a)
		}
	}
	for _, dir := range []string{"../../shared/corpus/dev", "../../shared/corpus/formats-dev"} {
		for p, err := range (&postextract.Extractor{}).PostsInDir(b.Context(), dir) {
			if err == nil {
				posts = append(posts, p.Article)
			}
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, a := range posts {
			if err := Markdown(io.Discard, a); err != nil {
				b.Fatal(err)
			}
		}
	}
}
