package render_test

import (
	"fmt"
	"os"

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
	//
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
