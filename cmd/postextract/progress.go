package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"
)

// Progress line timing: in auto mode the line shows only once the run has
// taken progressDelay (a short run needs none), and it is redrawn at most
// every progressEvery, also while one slow post holds the run up.
const (
	progressDelay = time.Second
	progressEvery = 200 * time.Millisecond
)

// showProgress is the decision of -progress auto: stderr must be a
// terminal, and stdout must not share the screen (see stdoutApart).
func showProgress(stderr, stdout any, toDir bool) bool {
	return isTerminal(stderr) && stdoutApart(stdout, toDir)
}

// stdoutApart reports whether stdout is out of the progress line's way: a
// regular file or /dev/null is; a terminal is when -o writes nothing
// there; a pipe may end in a pager on the same terminal, and what cannot
// be told apart is treated as one.
func stdoutApart(stdout any, toDir bool) bool {
	f, ok := stdout.(*os.File)
	if !ok {
		return false
	}
	if isTerminal(f) {
		return toDir
	}
	st, err := f.Stat()
	if err != nil {
		return false
	}
	// A character device that is not a terminal: /dev/null.
	return st.Mode().IsRegular() || st.Mode()&os.ModeCharDevice != 0
}

// progress is the progress line on stderr. A nil *progress does nothing,
// so that the run does not ask at every step whether there is one.
type progress struct {
	w     io.Writer
	total int
	start time.Time
	delay time.Duration // before the line first shows

	mu    sync.Mutex // the line and the messages printed around it
	done  int
	drawn time.Time // when the line was last drawn; zero: not on screen
	stop  chan struct{}
	once  sync.Once // closes stop
	wg    sync.WaitGroup
}

// newProgress starts the progress line of -progress mode (auto, always or
// never) for total posts, or returns nil when there is to be none.
// "always" draws from the first post, whatever stderr is.
func newProgress(total int, mode string, stderr io.Writer, stdout any, toDir bool) *progress {
	if mode == "never" || total == 0 || mode == "auto" && !showProgress(stderr, stdout, toDir) {
		return nil
	}
	p := &progress{w: stderr, total: total, start: time.Now(), stop: make(chan struct{})}
	if mode == "auto" {
		p.delay = progressDelay
	}
	p.wg.Go(func() {
		t := time.NewTicker(progressEvery)
		defer t.Stop()
		for {
			select {
			case now := <-t.C:
				p.mu.Lock()
				p.tick(now)
				p.mu.Unlock()
			case <-p.stop:
				return
			}
		}
	})
	return p
}

// add counts one post done.
func (p *progress) add() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.step(time.Now())
}

// step counts one post done at now; the caller holds mu.
func (p *progress) step(now time.Time) {
	p.done++
	if now.Sub(p.drawn) >= progressEvery {
		p.tick(now)
	}
}

// tick redraws the line at now, if the run has taken long enough; the
// caller holds mu.
func (p *progress) tick(now time.Time) {
	elapsed := now.Sub(p.start)
	if elapsed < p.delay {
		return
	}
	fmt.Fprintf(p.w, "\r%s\x1b[K", progressLine(p.done, p.total, elapsed))
	p.drawn = now
}

// clear takes the line off the screen; the caller holds mu.
func (p *progress) clear() {
	if !p.drawn.IsZero() {
		io.WriteString(p.w, "\r\x1b[K")
		p.drawn = time.Time{}
	}
}

// print runs fn, which writes a message on stderr, with the line out of
// its way; the next tick draws it again.
func (p *progress) print(fn func()) {
	if p == nil {
		fn()
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.clear()
	fn()
}

// finish stops the line and clears it; it may be called again.
func (p *progress) finish() {
	if p == nil {
		return
	}
	p.once.Do(func() { close(p.stop) })
	p.wg.Wait()
	p.mu.Lock()
	defer p.mu.Unlock()
	p.clear()
}

// progressLine is the line for done of total posts after elapsed: the
// count, the rate in posts per second over the whole run, and the time
// left at that rate.
func progressLine(done, total int, elapsed time.Duration) string {
	line := fmt.Sprintf("%d/%d posts (%d%%)", done, total, done*100/max(total, 1))
	secs := elapsed.Seconds()
	if done == 0 || secs <= 0 {
		return line
	}
	rate := float64(done) / secs
	left := time.Duration(float64(total-done) / rate * float64(time.Second)).Round(time.Second)
	if rate < 10 {
		return fmt.Sprintf("%s, %.1f posts/s, %s left", line, rate, left)
	}
	return fmt.Sprintf("%s, %.0f posts/s, %s left", line, rate, left)
}
