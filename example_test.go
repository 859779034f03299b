package postextract_test

import (
	"context"
	"fmt"
	"log"
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
