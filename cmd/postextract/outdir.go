package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/postextract/postextract"
)

// planOutputs gives each input its file under dir: its path in its folder
// argument (or a file argument's name) with ext for its extension. It
// refuses, before anything is written, when an input is standard input,
// when two inputs would write the same file, or when an output would be an
// input file, by name or, for a file that exists, as the same file under
// another name (a link, a case-insensitive file system).
func planOutputs(dir string, inputs []input, ext string) ([]string, error) {
	if st, err := os.Stat(dir); err == nil && !st.IsDir() {
		return nil, errors.New("not a folder")
	}
	type source struct {
		path string
		info fs.FileInfo
	}
	isInput := map[string]string{} // absolute path → the input as given
	// The inputs that exist, by size and time: files that are the same
	// file agree on both, so each output is compared with a few inputs.
	type sizeTime struct{ size, mod int64 }
	existing := map[sizeTime][]source{}
	for _, in := range inputs {
		if in.path == "-" {
			return nil, errors.New("standard input has no name to write its post under; give files or folders")
		}
		abs, err := filepath.Abs(in.path)
		if err != nil {
			return nil, err
		}
		isInput[abs] = in.path
		if st, err := os.Stat(in.path); err == nil {
			k := sizeTime{st.Size(), st.ModTime().UnixNano()}
			existing[k] = append(existing[k], source{in.path, st})
		}
	}
	outputs := make([]string, len(inputs))
	writer := map[string]string{} // absolute output path → the input that writes it
	for i, in := range inputs {
		out := filepath.Join(dir, strings.TrimSuffix(in.rel, filepath.Ext(in.rel))+ext)
		abs, err := filepath.Abs(out)
		if err != nil {
			return nil, err
		}
		if src, ok := isInput[abs]; ok {
			return nil, fmt.Errorf("the output of %s would overwrite the input %s", in.path, src)
		}
		if prev, ok := writer[abs]; ok {
			return nil, fmt.Errorf("%s and %s would both be written to %s", prev, in.path, out)
		}
		writer[abs] = in.path
		outputs[i] = out
		st, err := os.Stat(out)
		if err != nil {
			continue
		}
		for _, src := range existing[sizeTime{st.Size(), st.ModTime().UnixNano()}] {
			if os.SameFile(st, src.info) {
				return nil, fmt.Errorf("the output of %s would overwrite the input %s (as %s)", in.path, src.path, out)
			}
		}
	}
	return outputs, nil
}

// dirSink writes each post to its own file under -o.
type dirSink struct {
	format  format
	outputs []string        // by input, from planOutputs
	made    map[string]bool // folders known to exist
	written int
	buf     bytes.Buffer
}

func (d *dirSink) write(i int, path string, a *postextract.Article) error {
	d.buf.Reset()
	if err := d.format.write(&d.buf, a); err != nil {
		return fmt.Errorf("%s: %v", path, err)
	}
	name := d.outputs[i]
	if dir := filepath.Dir(name); !d.made[dir] {
		if err := os.MkdirAll(dir, 0o777); err != nil {
			return fmt.Errorf("%s: %v", name, err)
		}
		d.made[dir] = true
	}
	if err := writeFileAtomic(name, d.buf.Bytes()); err != nil {
		return fmt.Errorf("%s: %v", name, unwrapPathError(err))
	}
	d.written++
	return nil
}

func (d *dirSink) flush()       {}
func (d *dirSink) close() error { return nil }

// writeFileAtomic writes data to a new file beside name and renames it to
// name, so that name never holds part of data: a reader, a failed write or
// an interrupted run sees the old file or the new one. The new file is
// hidden and ends in .tmp, so that no later run reads it as a post; it is
// removed when anything fails. The data is not synced to disk: a power
// loss can still leave an empty file where the system does not order the
// rename after the data.
func writeFileAtomic(name string, data []byte) error {
	dir, base := filepath.Split(name)
	var f *os.File
	var err error
	for range 100 {
		// os.CreateTemp would make the file 0600; this one gets the
		// permissions of any new file (0666 less the umask).
		tmp := filepath.Join(dir, tempName(base, strconv.FormatUint(uint64(rand.Uint32()), 36)))
		f, err = os.OpenFile(tmp, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
		if !errors.Is(err, fs.ErrExist) {
			break
		}
	}
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), name)
		var le *os.LinkError
		if errors.As(err, &le) {
			err = le.Err // its two names are the temporary one and name
		}
		if st, serr := os.Stat(name); err != nil && serr == nil && st.IsDir() {
			err = errors.New("a folder is in the way") // rename says only "file exists"
		}
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

// maxNameBytes is the longest file name, in bytes, that common file
// systems take (NAME_MAX of ext4, XFS, btrfs, APFS).
const maxNameBytes = 255

// tempName is the hidden temporary name for base: ".base.RAND.tmp", with
// base cut (at a character's start) so that the whole fits maxNameBytes: a
// post whose own name is 243–255 bytes still has a temporary name the file
// system takes.
func tempName(base, rnd string) string {
	keep := maxNameBytes - len(".."+rnd+".tmp")
	if len(base) > keep {
		cut := keep
		for cut > 0 && !utf8.RuneStart(base[cut]) {
			cut--
		}
		base = base[:cut]
	}
	return "." + base + "." + rnd + ".tmp"
}
