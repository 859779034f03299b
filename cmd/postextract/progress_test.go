package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestProgressLine(t *testing.T) {
	for _, c := range []struct {
		done, total int
		elapsed     time.Duration
		want        string
	}{
		{500, 1000, 2 * time.Second, "500/1000 posts (50%), 250 posts/s, 2s left"},
		{3400, 3400, 1100 * time.Millisecond, "3400/3400 posts (100%), 3091 posts/s, 0s left"},
		{3, 10, 1500 * time.Millisecond, "3/10 posts (30%), 2.0 posts/s, 4s left"},
		{0, 10, time.Second, "0/10 posts (0%)"},
	} {
		assert.Equal(t, c.want, progressLine(c.done, c.total, c.elapsed), "%+v", c)
	}
}

// TestProgressDelay drives the line with made-up times: nothing before the
// delay, the line after it, redrawn as posts are done, cleared at the end.
func TestProgressDelay(t *testing.T) {
	var buf bytes.Buffer
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	p := &progress{w: &buf, total: 10, start: t0, delay: time.Second, stop: make(chan struct{})}
	p.step(t0.Add(100 * time.Millisecond))
	p.step(t0.Add(900 * time.Millisecond))
	p.tick(t0.Add(999 * time.Millisecond))
	assert.Empty(t, buf.String(), "before the delay")
	p.tick(t0.Add(time.Second))
	assert.Equal(t, "\r2/10 posts (20%), 2.0 posts/s, 4s left\x1b[K", buf.String())
	buf.Reset()
	p.step(t0.Add(1100 * time.Millisecond)) // too soon after the last drawing
	assert.Empty(t, buf.String())
	p.step(t0.Add(1500 * time.Millisecond))
	assert.Equal(t, "\r4/10 posts (40%), 2.7 posts/s, 2s left\x1b[K", buf.String())
	buf.Reset()
	p.print(func() { buf.WriteString("a message\n") })
	assert.Equal(t, "\r\x1b[Ka message\n", buf.String(), "the line is cleared before a message")
	buf.Reset()
	p.finish()
	p.finish()
	assert.Empty(t, buf.String(), "cleared already")
	p.tick(t0.Add(2 * time.Second))
	buf.Reset()
	p.finish()
	assert.Equal(t, "\r\x1b[K", buf.String())
}

func TestProgressNil(t *testing.T) {
	var buf bytes.Buffer
	p := newProgress(5, "never", &buf, os.Stdout, false)
	require.Nil(t, p)
	p.add()
	p.print(func() { buf.WriteString("m") })
	p.finish()
	assert.Equal(t, "m", buf.String())
	assert.Nil(t, newProgress(5, "auto", &buf, os.Stdout, false), "stderr is no terminal")
	assert.Nil(t, newProgress(0, "always", &buf, os.Stdout, false), "nothing to do")
}

func TestStdoutApart(t *testing.T) {
	file, err := os.Create(filepath.Join(t.TempDir(), "out"))
	require.NoError(t, err)
	defer file.Close()
	assert.True(t, stdoutApart(file, false), "a file")
	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	require.NoError(t, err)
	defer null.Close()
	assert.True(t, stdoutApart(null, false), "/dev/null")
	r, w, err := os.Pipe()
	require.NoError(t, err)
	defer r.Close()
	defer w.Close()
	assert.False(t, stdoutApart(w, false), "a pipe, maybe to a pager")
	assert.False(t, stdoutApart(w, true), "a pipe, even with -o")
	assert.False(t, stdoutApart(&bytes.Buffer{}, false), "not a file: in doubt")
	assert.False(t, strings.Contains(progressLine(1, 1, 0), "posts/s"), "no rate without time")
}
