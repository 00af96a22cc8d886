package warc

import (
	"bytes"
	"github.com/klauspost/compress/gzip"
	"io"
	"runtime"
)

// Sizes of a Writer's free lists. Records are compressed by the calling
// goroutines, at most GOMAXPROCS at a time plus those preempted in the
// middle of a record; a writer beyond the list allocates and drops its own.
// A gzip writer at BestSpeed holds about 800 KB of compressor state, so
// the list of them stays short: 2 × GOMAXPROCS, from 4 to 16.
const (
	minFreeGzipWriters = 4
	maxFreeGzipWriters = 16
	freeBuffers        = 16
	// maxFreeBuffer is the largest buffer kept: a member of a rare huge
	// record is not held for the life of the writer.
	maxFreeBuffer = 4 << 20
)

// freeList keeps gzip writers and member buffers between records. Unlike a
// sync.Pool it is not emptied by each garbage collection, which in a crawl
// comes every few records, so compressors are reused rather than rebuilt
// (flate.NewWriter allocates its state anew each time). It is bounded, and
// safe for concurrent use.
type freeList struct {
	gz   chan *gzip.Writer
	bufs chan *bytes.Buffer
}

func newFreeList() freeList {
	n := min(max(2*runtime.GOMAXPROCS(0), minFreeGzipWriters), maxFreeGzipWriters)
	return freeList{gz: make(chan *gzip.Writer, n), bufs: make(chan *bytes.Buffer, freeBuffers)}
}

// getGzip returns a gzip writer at level writing to dst.
func (f freeList) getGzip(dst io.Writer, level int) (*gzip.Writer, error) {
	select {
	case zw := <-f.gz:
		zw.Reset(dst)
		return zw, nil
	default:
		return gzip.NewWriterLevel(dst, level)
	}
}

// putGzip keeps zw for a later record, unless the list is full. zw must not
// be used by the caller afterwards.
func (f freeList) putGzip(zw *gzip.Writer) {
	zw.Reset(io.Discard) // drop the reference to the last output buffer
	select {
	case f.gz <- zw:
	default:
	}
}

// getBuf returns an empty buffer.
func (f freeList) getBuf() *bytes.Buffer {
	select {
	case b := <-f.bufs:
		return b
	default:
		return new(bytes.Buffer)
	}
}

// putBuf keeps b for a later record, unless it is too large or the list is
// full.
func (f freeList) putBuf(b *bytes.Buffer) {
	if b.Cap() > maxFreeBuffer {
		return
	}
	b.Reset()
	select {
	case f.bufs <- b:
	default:
	}
}
