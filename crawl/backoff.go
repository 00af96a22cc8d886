package crawl

import (
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Backoff computes retry waits: capped exponential backoff with full jitter
// (a uniform wait in [0, min(Cap, Base·2^attempt)]), or the server's
// Retry-After when it gave one, capped too. The zero value uses 1 s base and
// a 5 min cap.
type Backoff struct {
	Base time.Duration
	Cap  time.Duration
	// Rand returns a float in [0,1); nil uses math/rand/v2.
	Rand func() float64
}

func (b Backoff) base() time.Duration {
	if b.Base > 0 {
		return b.Base
	}
	return time.Second
}

func (b Backoff) cap() time.Duration {
	if b.Cap > 0 {
		return b.Cap
	}
	return 5 * time.Minute
}

// Wait returns how long to wait before attempt+1 (attempt counts from 0).
// retryAfter is the response's Retry-After header, "" when none.
func (b Backoff) Wait(attempt int, retryAfter string, now time.Time) time.Duration {
	if d, ok := ParseRetryAfter(retryAfter, now); ok {
		return min(d, b.cap())
	}
	ceil := b.base()
	for i := 0; i < attempt && ceil < b.cap(); i++ {
		ceil *= 2
	}
	ceil = min(ceil, b.cap())
	r := rand.Float64
	if b.Rand != nil {
		r = b.Rand
	}
	return time.Duration(r() * float64(ceil))
}

// ParseRetryAfter reads a Retry-After value: delay-seconds or an HTTP date.
// A date in the past gives 0.
func ParseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		if n < 0 {
			return 0, false
		}
		if n > int64(24*time.Hour/time.Second) {
			n = int64(24 * time.Hour / time.Second)
		}
		return time.Duration(n) * time.Second, true
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	if d := t.Sub(now); d > 0 {
		return d, true
	}
	return 0, true
}
