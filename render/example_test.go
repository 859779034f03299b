package render_test

import (
	"fmt"
	"os"
	"strings"

	"github.com/postextract/postextract"
	"github.com/postextract/postextract/render"
)

// A pipeline post — HTML body, image behind a CORS proxy — written back as
// a clean Markdown post with the real image URL.
func ExampleMarkdown() {
	post := `---
title: Hello
date: 2022-08-21 13:22:08
tags: [go]
---
<p>Some <b>bold</b> text, a <a href="https://go.dev/">link</a> and 2 * 3.</p>
<p><img src="https://cors.zfour.workers.dev/?http://img.example.com/a.jpg" alt="A"></p>
<h2>Next</h2><ol><li>one</li><li>two</li></ol>`
	a, err := postextract.Parse([]byte(post))
	if err != nil {
		fmt.Println(err)
		return
	}
	render.Markdown(os.Stdout, a)
	// Output:
	// ---
	// title: Hello
	// date: 2022-08-21T13:22:08Z
	// tags:
	//   - go
	// ---
	//
	// Some **bold** text, a [link](https://go.dev/) and 2 \* 3.
	//
	// ![A](http://img.example.com/a.jpg)
	//
	// ## Next
	//
	// 1. one
	// 2. two
}

// The same post for a terminal.
func ExampleText() {
	a, err := postextract.Parse([]byte("---\ntitle: Hello\n---\n<h2>Steps</h2><ol><li>one</li><li>two</li></ol><pre>go run .</pre>"))
	if err != nil {
		fmt.Println(err)
		return
	}
	render.Text(os.Stdout, a)
	// Output:
	// Hello
	//
	// Steps
	// =====
	//
	// 1. one
	// 2. two
	//
	//     go run .
}

// The same kind of post as a reader page: a whole HTML document, with a
// style sheet and a Content-Security-Policy that allows no script; here
// only its article is printed. Text is escaped, and the image is the real
// one, asked for without a referrer (the images are hot-link protected).
func ExampleHTML() {
	post := `---
title: Hello <world>
---
<p>Some <b>bold</b> text.</p>
<img src="https://cors.zfour.workers.dev/?http://img.example.com/a.jpg" alt="A">`
	a, err := postextract.Parse([]byte(post))
	if err != nil {
		fmt.Println(err)
		return
	}
	var page strings.Builder
	if err := render.HTML(&page, a); err != nil {
		fmt.Println(err)
		return
	}
	_, article, _ := strings.Cut(page.String(), "<article>\n")
	article, _, _ = strings.Cut(article, "</article>")
	fmt.Println(strings.HasPrefix(page.String(), "<!doctype html>"))
	fmt.Print(article)
	// Output:
	// true
	// <header>
	// <h1>Hello &lt;world&gt;</h1>
	// </header>
	// <p>Some <strong>bold</strong> text.</p>
	// <figure><img src="http://img.example.com/a.jpg" alt="A" loading="lazy" referrerpolicy="no-referrer"></figure>
}
