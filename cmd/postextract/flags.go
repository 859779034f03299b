package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strconv"
	"strings"

	"github.com/postextract/postextract"
)

// flags are the command line's flags, as given.
type flags struct {
	format, tz, base, progress string
	body, out, generator       string
	warnings                   warningsValue
	workers                    workersValue
	version                    bool
	outSet                     bool // -o was given, even as -o ""
	drop                       multiFlag
}

type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ", ") }
func (m *multiFlag) Set(s string) error { *m = append(*m, s); return nil }

// workersValue is -j: a whole number of at least 1, refused as it is read
// so that the error names the flag and the value as given; 0, not given,
// leaves the library's default.
type workersValue int

func (w *workersValue) String() string { return strconv.Itoa(int(*w)) }

func (w *workersValue) Set(s string) error {
	n, err := strconv.Atoi(s)
	if err != nil {
		return errors.New("want a whole number")
	}
	if n < 1 {
		return errors.New("want at least 1")
	}
	*w = workersValue(n)
	return nil
}

// warningsValue is -warnings, a flag with an optional value: alone it is
// always; else auto, always, never, or a comma-separated list of warning
// codes (postextract.WarningCodes), which lists those codes only.
type warningsValue struct {
	mode  string                           // auto, always or never; always with codes
	codes map[postextract.WarningCode]bool // nil: every code
}

func (w *warningsValue) String() string {
	if w == nil || w.mode == "" {
		return "auto"
	}
	if w.codes != nil {
		var list []string
		for _, c := range postextract.WarningCodes {
			if w.codes[c] {
				list = append(list, string(c))
			}
		}
		return strings.Join(list, ",")
	}
	return w.mode
}

// IsBoolFlag lets -warnings stand alone, as the flag package does for a
// boolean: it is then Set("true").
func (w *warningsValue) IsBoolFlag() bool { return true }

func (w *warningsValue) Set(s string) error {
	switch s {
	case "auto", "always", "never":
		*w = warningsValue{mode: s}
		return nil
	case "true": // -warnings alone, or -warnings=true
		*w = warningsValue{mode: "always"}
		return nil
	case "false":
		*w = warningsValue{mode: "never"}
		return nil
	}
	codes := map[postextract.WarningCode]bool{}
	for c := range strings.SplitSeq(s, ",") {
		code := postextract.WarningCode(strings.TrimSpace(c))
		if !slices.Contains(postextract.WarningCodes, code) {
			return fmt.Errorf("want auto, always, never or warning codes, comma-separated: %s", codeList())
		}
		codes[code] = true
	}
	*w = warningsValue{mode: "always", codes: codes}
	return nil
}

// takesValue reports whether s, the argument after a lone -warnings, is
// its value rather than a path.
func (w *warningsValue) takesValue(s string) bool {
	var v warningsValue
	return s != "true" && s != "false" && v.Set(s) == nil
}

// shows reports whether a warning of code c is listed.
func (w *warningsValue) shows(c postextract.WarningCode) bool {
	return w.mode == "always" && (w.codes == nil || w.codes[c])
}

// codeList is the warning codes, comma-separated, for messages and help.
func codeList() string {
	list := make([]string, len(postextract.WarningCodes))
	for i, c := range postextract.WarningCodes {
		list[i] = string(c)
	}
	return strings.Join(list, ", ")
}

// help is what -h prints, before the flags.
var help = `postextract reads blog posts — front matter and an HTML or Markdown body —
and prints each as a typed article (JSON, or text for reading), or writes it
back out as a clean Markdown post or a reader page, with its real image URLs.

usage: postextract [flags] [PATH...]

PATH is a post file, a folder (walked for *.md, *.markdown, *.html, *.htm,
skipping hidden files and folders and node_modules) or - for standard input,
which is also read when no PATH is given and it is not a terminal. Flags may
come before or after the paths; -- ends the flags.
Exit status: 0 all parsed, 1 some failed, 2 usage error.

formats (-f):
  json      indented JSON; several posts make one JSON array
  jsonl     one JSON object a line, with the post's "path"
  text      for reading in a terminal
  markdown  a Markdown post file: YAML front matter and a CommonMark body
  html      a standalone reader page
On standard output, several posts in text or markdown each come after a
line with their path, "==> PATH <==", as head prints them; html takes one
post (a page is one document), or -o.

-o DIR writes one file per post under DIR, and nothing on standard output.
The tree of the input is mirrored: a post found in a folder argument keeps
its path in that folder, a file argument its name, with the extension of
the format (.json for json and jsonl, one indented object a file; .txt,
.md, .html). Folders are made as needed; each file is written aside and
renamed, so that it appears whole or not at all. A post that fails is
reported and the others are written (exit status 1). Nothing is written,
and the exit status is 2, when an output would be an input file, when two
inputs would write the same file, or when an input is standard input.

-tz takes a zone name (Asia/Shanghai, America/New_York, UTC) or a fixed
offset from UTC: +08:00, +0800, +8, -05:00, -0500, UTC+8, GMT-5 (UTC+8 is
eight hours ahead of UTC, as people write it). Abbreviations such as CST
are refused: each stands for several zones.

Each post is read by the conventions of the generator that wrote it (its
date in a folder name, its tags in [taxonomies], its authors file …),
named by the site files in its folder or the folders above it, up to the
nearest with .git (hugo.toml, _config.yml, docusaurus.config.js,
mkdocs.yml …), else by its path and front matter; -generator NAME chooses
for every post.

Warnings (what was repaired or guessed) go to standard error. By default
one line at the end counts them by code; -warnings lists each as
"PATH: warning: …", -warnings CODE,CODE lists those codes only, and
-warnings never prints nothing, not even the count.
Codes: ` + codeList() + `.
The value after a lone -warnings is read as its value when it is one
(auto, always, never, codes); write -warnings=… to be explicit.

The progress line (-progress auto) shows on standard error when it is a
terminal and standard output is not (a file, /dev/null, or -o), once the
run has taken a second; it is cleared when the run ends.

examples:
  postextract source/_posts/hello.md              one post, as indented JSON
  postextract -f text content/posts | less        a folder, for reading
  postextract -tz Asia/Shanghai source/_posts | jq -r '[.path, .title] | @tsv'
  postextract -f markdown -o clean source/_posts  clean posts, same tree
  postextract -f html -o pages source/_posts      reader pages, same tree
  postextract source/_posts -warnings relative-url,date > posts.jsonl

flags:
`

func newFlagSet(f *flags) *flag.FlagSet {
	fl := flag.NewFlagSet("postextract", flag.ContinueOnError)
	fl.SetOutput(io.Discard) // errors are reported by run, help by -h
	// The flag package calls Usage on every error, and on -h before
	// returning ErrHelp: run prints what is needed, once.
	fl.Usage = func() {}
	f.warnings = warningsValue{mode: "auto"}
	fl.StringVar(&f.format, "f", "", "output format: json, jsonl, text, markdown or html (default json for one input, jsonl for several)")
	fl.StringVar(&f.out, "o", "", "write one file per post under this folder, mirroring the input tree (see above)")
	// -j's default, GOMAXPROCS, is the library's: 0 here, said in words.
	fl.Var(&f.workers, "j", "`N` posts parsed in parallel (default GOMAXPROCS, "+strconv.Itoa(runtime.GOMAXPROCS(0))+" here)")
	fl.StringVar(&f.tz, "tz", "", "time zone for dates written without one: a name such as Asia/Shanghai, or an offset such as +08:00 or -0500 (default UTC)")
	fl.StringVar(&f.base, "base", "", "base URL for relative image URLs and links")
	fl.StringVar(&f.body, "body", "auto", "how bodies are read: auto (markup key, file name, then sniffing), html or markdown")
	fl.StringVar(&f.generator, "generator", "", "read every post by the conventions of `NAME`: "+strings.Join(postextract.Generators(), ", ")+" (default: detected from the post, its path and the site files above it)")
	fl.StringVar(&f.progress, "progress", "auto", "progress line on stderr: auto (see above), always or never")
	fl.Var(&f.warnings, "warnings", "which warnings to list on stderr, `[WHICH]`: auto (none, a count at the end; the default), always (also -warnings alone), never (no count either), or codes, comma-separated (see above)")
	fl.BoolVar(&f.version, "version", false, "print the version and exit")
	fl.Var(&f.drop, "drop", "CSS selector of subtrees to leave out (repeatable)")
	return fl
}

// printHelp writes the help and the flags to w.
func printHelp(fl *flag.FlagSet, w io.Writer) {
	fmt.Fprint(w, help)
	fl.SetOutput(w)
	fl.PrintDefaults()
	fl.SetOutput(io.Discard)
}

// parseFlags parses args into f and returns the paths. Flags may follow
// paths, as in the tools people use daily: the arguments are reordered,
// flags first, for the standard flag package, which stops at the first
// non-flag. "--" ends the flags; a lone "-" is a path (standard input).
func parseFlags(fl *flag.FlagSet, args []string) ([]string, error) {
	var opts, paths []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			paths = append(paths, args[i+1:]...)
			break
		}
		if len(a) < 2 || a[0] != '-' {
			paths = append(paths, a)
			continue
		}
		opts = append(opts, a)
		name := strings.TrimLeft(a, "-")
		if strings.Contains(name, "=") || i+1 == len(args) {
			continue
		}
		f := fl.Lookup(name)
		if f == nil {
			continue // the flag package reports it
		}
		next := args[i+1]
		switch v := f.Value.(type) {
		case *warningsValue:
			if v.takesValue(next) {
				opts[len(opts)-1] = a + "=" + next
				i++
			}
		case interface{ IsBoolFlag() bool }:
			if !v.IsBoolFlag() {
				opts = append(opts, next)
				i++
			}
		default:
			opts = append(opts, next)
			i++
		}
	}
	if err := fl.Parse(opts); err != nil {
		return nil, flagError(err)
	}
	return append(fl.Args(), paths...), nil
}

// flagError rewords the flag package's errors as one line that names the
// flag as it is written on the command line.
func flagError(err error) error {
	if errors.Is(err, flag.ErrHelp) {
		return err
	}
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: "); ok {
		return fmt.Errorf("unknown flag %s", name)
	}
	if name, ok := strings.CutPrefix(msg, "flag needs an argument: "); ok {
		return fmt.Errorf("%s needs a value", name)
	}
	msg = strings.Replace(msg, " for flag -", " for -", 1)
	msg = strings.Replace(msg, "invalid boolean value", "invalid value", 1)
	return errors.New(msg)
}
