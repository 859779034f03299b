// Command postextract reads blog post files and prints each as a typed
// article: JSON for one post, JSON lines for several, or text for reading;
// or writes each back out as a Markdown post or a reader page in HTML
// (package render).
//
//	postextract [flags] PATH...
//
// A PATH is a file, a folder (walked for *.md, *.markdown, *.html, *.htm) or
// - for standard input, which is also read when no PATH is given and it is
// not a terminal. With -o DIR, each post is written to its own file under
// DIR, in the tree of the input, never over an input file. Exit status: 0
// when every post parsed, 1 when any failed, 2 for a usage error (and then
// nothing is written). postextract -h prints the flags and examples.
package main

import (
	"os"
	"runtime/debug"
)

func main() {
	// Posts are small and short-lived: collecting less often saves a
	// third of the CPU for a few megabytes of heap. GOGC still wins.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
