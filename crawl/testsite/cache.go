package testsite

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"sync"
	"time"
)

// Bounds of a Server's file cache.
const (
	// maxCachedFiles is the number of files whose ETag and headers are
	// kept; when it is reached the cache starts again empty.
	maxCachedFiles = 1 << 15
	// freeBodies and maxFreeBody bound the read buffers kept between
	// requests.
	freeBodies  = 16
	maxFreeBody = 1 << 20
)

// fileMeta is what the server keeps of a file between requests: its
// headers (from its .headers file and its name) and its ETag, valid while
// the file keeps its size and modification time.
type fileMeta struct {
	size    int64
	modTime time.Time
	header  http.Header
	etag    string
}

// fileCache holds the fileMeta of files served, so that a file served again
// is neither hashed nor has its .headers file read again, and the buffers
// bodies are read into, so that serving a file allocates no body. Bodies
// themselves are not kept: a benchmark mirror holds hundreds of megabytes
// of pages, each fetched once. Run-time pages (Put) keep their ETag in
// their page. It is safe for concurrent use.
type fileCache struct {
	mu    sync.Mutex
	meta  map[string]fileMeta    // by file name
	plain map[string]http.Header // by Content-Type: files without .headers
	bufs  chan []byte
}

func newFileCache() *fileCache {
	return &fileCache{meta: make(map[string]fileMeta), plain: make(map[string]http.Header), bufs: make(chan []byte, freeBodies)}
}

// plainHeader returns the header of a file without a .headers file, shared
// by every such file of its content type. It must not be modified.
func (c *fileCache) plainHeader(contentType string) http.Header {
	c.mu.Lock()
	defer c.mu.Unlock()
	h, ok := c.plain[contentType]
	if !ok {
		h = http.Header{"Last-Modified": {DefaultLastModified}, "Content-Type": {contentType}}
		c.plain[contentType] = h
	}
	return h
}

// get returns the cached meta of name if it still matches fi.
func (c *fileCache) get(name string, fi os.FileInfo) (fileMeta, bool) {
	c.mu.Lock()
	m, ok := c.meta[name]
	c.mu.Unlock()
	if !ok || m.size != fi.Size() || !m.modTime.Equal(fi.ModTime()) {
		return fileMeta{}, false
	}
	return m, true
}

func (c *fileCache) put(name string, m fileMeta) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.meta) >= maxCachedFiles {
		clear(c.meta)
	}
	c.meta[name] = m
}

// readBody reads f, of size bytes as last seen, into a buffer from the free
// list (give it back with putBody once the body is written).
func (c *fileCache) readBody(f *os.File, size int64) ([]byte, error) {
	var buf []byte
	select {
	case buf = <-c.bufs:
	default:
	}
	if int64(cap(buf)) < size+1 {
		buf = make([]byte, 0, size+512)
	}
	buf = buf[:0]
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := f.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, fmt.Errorf("testsite: read %s: %w", f.Name(), err)
		}
	}
}

// putBody keeps a body's buffer for a later request, unless it is large or
// the list is full.
func (c *fileCache) putBody(b []byte) {
	if cap(b) > maxFreeBody {
		return
	}
	select {
	case c.bufs <- b[:0]:
	default:
	}
}
