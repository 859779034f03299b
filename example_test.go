package postextract_test

import (
	"context"
	"fmt"
	"log"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing/fstest"
	"time"

	"github.com/postextract/postextract"
)

func ExampleParse() {
	post := []byte(`---
title: Hello
date: Sun, 21 Aug 2022 05:22:08 GMT
categories: [Notes, Go]
---
<p>First paragraph.</p>
<img data-original="http://img.example.com/a.jpg" src="https://cors.example.workers.dev/?http://img.example.com/a.jpg">
<h2>A heading</h2>`)
	a, err := postextract.Parse(post)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(a.Title, a.Date.Format(time.RFC3339), a.Categories)
	for _, b := range a.Blocks {
		if b.Kind == postextract.KindImage {
			fmt.Println(b.Kind, b.Image.URL)
			continue
		}
		fmt.Println(b.Kind, b.Text)
	}
	// Output:
	// Hello 2022-08-21T05:22:08Z [Notes Go]
	// paragraph First paragraph.
	// image http://img.example.com/a.jpg
	// heading A heading
}

func ExampleNew() {
	shanghai, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		log.Fatal(err)
	}
	ex, err := postextract.New(
		postextract.WithLocation(shanghai),                   // for dates written without a zone
		postextract.WithBaseURL("https://blog.example.com/"), // for relative image URLs
		postextract.WithDrop(".ad", "#comments"),             // more subtrees to leave out
	)
	if err != nil {
		log.Fatal(err) // a bad selector or base URL is reported here
	}
	a, err := ex.Parse([]byte("---\ndate: 2021-04-07 12:10:50\n---\n<p>Hi</p><div class=ad>Buy!</div><img src=/a.png>"))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(a.Date.Format(time.RFC3339))
	fmt.Println(a.Paragraphs)
	fmt.Println(a.Images[0].URL)
	// Output:
	// 2021-04-07T12:10:50+08:00
	// [Hi]
	// https://blog.example.com/a.png
}

func ExampleArticle_images() {
	a, err := postextract.Parse([]byte(`---
title: Images
---
<a href="https://static.example.com/full.jpg"><img src="https://static.example.com/thumb/full.jpg"></a>
<img data-src="https://img.example.com/b.png" src="/images/loading.gif" width="800" height="600" alt="B">
<img src="https://i0.wp.com/img.example.com/c.jpg?resize=640%2C480&ssl=1">`))
	if err != nil {
		log.Fatal(err)
	}
	for _, img := range a.Images {
		fmt.Printf("%s %dx%d alt=%q\n", img.URL, img.Width, img.Height, img.Alt)
	}
	// Output:
	// https://static.example.com/full.jpg 0x0 alt=""
	// https://img.example.com/b.png 800x600 alt="B"
	// https://img.example.com/c.jpg 0x0 alt=""
}

func ExampleArticle_DecodeMeta() {
	post := []byte("---\ntitle: Hello\nslug: hello-world\ndraft: true\n---\n<p>Hi.</p>\n")
	a, err := postextract.Parse(post)
	if err != nil {
		log.Fatal(err)
	}
	var fm struct {
		Slug  string `yaml:"slug"`
		Draft bool   `yaml:"draft"`
	}
	if err := a.DecodeMeta(&fm); err != nil {
		log.Fatal(err)
	}
	fmt.Println(fm.Slug, fm.Draft)
	// Output: hello-world true
}

func ExampleExtractor_Posts() {
	posts := fstest.MapFS{
		"source/_posts/hello.md":               {Data: []byte("---\ntitle: Hello\n---\n<p>Hi.</p>")},
		"source/_posts/2024-01-02-markdown.md": {Data: []byte("Some *Markdown*.")},
		"source/_posts/broken.md":              {Data: []byte("---\ntitle: never closed\n")},
	}
	e, err := postextract.New(postextract.WithWorkers(2))
	if err != nil {
		log.Fatal(err)
	}
	for p, err := range e.Posts(context.Background(), posts, "source") {
		if err != nil {
			fmt.Println("error:", err)
			continue
		}
		fmt.Println(p.Path, p.Article.Title, p.Article.Format)
	}
	// Output:
	// source/_posts/2024-01-02-markdown.md markdown markdown
	// error: parse source/_posts/broken.md: postextract: front matter (yaml): line 1: "---" opened but never closed
	// source/_posts/hello.md Hello html
}

// The tags and categories come as the Article reads them: a scalar is a
// one-item list, a string with commas a list.
func ExampleArticle_DecodeMeta_tags() {
	a, err := postextract.Parse([]byte("---\ntags: fix.it, ghost\ncategories: js\n---\n<p>Hi.</p>\n"))
	if err != nil {
		log.Fatal(err)
	}
	var fm struct {
		Tags       []string `yaml:"tags"`
		Categories []string `yaml:"categories"`
	}
	if err := a.DecodeMeta(&fm); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%q %q\n", fm.Tags, fm.Categories)
	// Output: ["fix.it" "ghost"] ["js"]
}

// A folder of the operating system, parsed in parallel and yielded in path
// order; hidden files and folders are skipped.
func ExampleExtractor_PostsInDir() {
	dir, err := os.MkdirTemp("", "posts")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	for name, text := range map[string]string{
		"2024-01-02-hello.md": "Hello, *Markdown*.",
		"notes/page.html":     "<title>A page</title><p>HTML.</p>",
		"notes/.draft.md":     "---\ntitle: hidden\n---\nnot read",
		"notes/todo.txt":      "not a post",
	} {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			log.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			log.Fatal(err)
		}
	}
	var ex postextract.Extractor // the zero Extractor parses with the defaults
	for p, err := range ex.PostsInDir(context.Background(), dir) {
		if err != nil {
			fmt.Println("error:", err)
			continue
		}
		rel, _ := filepath.Rel(dir, p.Path) // p.Path is dir joined with the post's path
		fmt.Printf("%s: %s, %s, %s\n", filepath.ToSlash(rel), p.Article.Title, p.Article.Date.Format(time.DateOnly), p.Article.Format)
	}
	// Output:
	// 2024-01-02-hello.md: hello, 2024-01-02, markdown
	// notes/page.html: A page, 0001-01-01, html
}

// Warnings say what was repaired or guessed; each has a code (the table is
// in WarningCode's documentation) and the key or URL it is about.
func ExampleWarning() {
	a, err := postextract.Parse([]byte(`---
title: Warnings
date: Invalid Date
---
<p>See <a href="/about">about</a>.</p>
<img src="images/a.png">`))
	if err != nil {
		log.Fatal(err)
	}
	for _, w := range a.Warnings {
		fmt.Printf("%s [%s]: %s\n", w.Code, w.Subject, w)
	}
	// Output:
	// date [date]: date: cannot read "Invalid Date" as a date
	// relative-url [/about]: relative link "/about" kept as written (no base URL)
	// relative-url [images/a.png]: relative image URL "images/a.png" kept as written (no base URL)
}

// A custom Unwrapper teaches the Extractor an image proxy it does not know:
// here one that carries the image in its "target" parameter. It is tried
// before the built-in ones.
func ExampleUnwrapper() {
	viaProxy := func(u *url.URL) (string, bool) {
		if u.Host != "img-proxy.example.net" || u.Path != "/fetch" {
			return "", false
		}
		return u.Query().Get("target"), true
	}
	ex, err := postextract.New(postextract.WithUnwrapper(viaProxy))
	if err != nil {
		log.Fatal(err)
	}
	a, err := ex.Parse([]byte(`<img src="https://img-proxy.example.net/fetch?target=https%3A%2F%2Fcdn.example.com%2Fa.jpg">`))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(a.Images[0].URL)
	// Output: https://cdn.example.com/a.jpg
}

// The built-in link redirectors can be replaced: with a list without them,
// a redirect link stays as written; WithLinkUnwrapper's come first either
// way.
func ExampleWithBaseLinkUnwrappers() {
	post := []byte(`<p><a href="https://links.jianshu.com/go?to=https%3A%2F%2Fgo.dev%2F">Go</a>
<a href="https://out.example.com/r?u=https%3A%2F%2Fpkg.go.dev%2F">pkg</a></p>`)
	mine := func(u *url.URL) (string, bool) {
		if u.Host != "out.example.com" {
			return "", false
		}
		return u.Query().Get("u"), true
	}
	for _, opts := range [][]postextract.Option{
		nil,                                   // DefaultLinkUnwrappers: UnwrapRedirect knows jianshu's redirector
		{postextract.WithLinkUnwrapper(mine)}, // tried before the defaults
		{postextract.WithBaseLinkUnwrappers(mine)},
		{postextract.WithLinkUnwrapper(mine), postextract.WithBaseLinkUnwrappers()}, // none built in
	} {
		a, err := postextract.Parse(post, opts...)
		if err != nil {
			log.Fatal(err)
		}
		var urls []string
		for _, l := range a.Links {
			urls = append(urls, l.URL)
		}
		fmt.Println(strings.Join(urls, " "))
	}
	// Output:
	// https://go.dev/ https://out.example.com/r?u=https%3A%2F%2Fpkg.go.dev%2F
	// https://go.dev/ https://pkg.go.dev/
	// https://links.jianshu.com/go?to=https%3A%2F%2Fgo.dev%2F https://pkg.go.dev/
	// https://links.jianshu.com/go?to=https%3A%2F%2Fgo.dev%2F https://pkg.go.dev/
}
