package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets the test scripts run the real command as "postextract".
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"postextract": func() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs testdata/script/*.txtar end to end against the binary.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:  "testdata/script",
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){"files": cmdFiles},
	})
}

// cmdFiles is the script command "files DIR": the regular files under DIR,
// hidden ones included, one slash-separated path a line in sorted order, on
// stdout; nothing when DIR does not exist. Scripts compare a written tree
// with it, and see a temporary file left behind.
func cmdFiles(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: files DIR")
	}
	root := ts.MkAbs(args[0])
	var names []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if path == root && os.IsNotExist(err) {
				return filepath.SkipDir
			}
			return err
		}
		if d.Type().IsRegular() {
			rel, err := filepath.Rel(root, path)
			if err != nil {
				return err
			}
			names = append(names, filepath.ToSlash(rel))
		}
		return nil
	})
	ts.Check(err)
	slices.Sort(names)
	for _, n := range names {
		fmt.Fprintln(ts.Stdout(), n)
	}
}
