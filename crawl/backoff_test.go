package crawl

import (
	"net/http"
	"testing"
	"time"
)

func TestBackoffWait(t *testing.T) {
	now := time.Date(2025, 3, 1, 2, 0, 0, 0, time.UTC)
	top := func() float64 { return 0.999999 }
	b := Backoff{Base: time.Second, Cap: 10 * time.Second, Rand: top}
	tests := []struct {
		name       string
		attempt    int
		retryAfter string
		min, max   time.Duration
	}{
		{"first", 0, "", 900 * time.Millisecond, time.Second},
		{"third", 2, "", 3900 * time.Millisecond, 4 * time.Second},
		{"capped", 20, "", 9 * time.Second, 10 * time.Second},
		{"retry-after seconds", 0, "3", 3 * time.Second, 3 * time.Second},
		{"retry-after capped", 0, "3600", 10 * time.Second, 10 * time.Second},
		{"retry-after date", 0, now.Add(5 * time.Second).Format(http.TimeFormat), 5 * time.Second, 5 * time.Second},
		{"retry-after past date", 0, now.Add(-time.Hour).Format(http.TimeFormat), 0, 0},
		{"retry-after garbage", 1, "soon", 1900 * time.Millisecond, 2 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := b.Wait(tt.attempt, tt.retryAfter, now)
			if got < tt.min || got > tt.max {
				t.Errorf("Wait(%d, %q) = %v, want in [%v, %v]", tt.attempt, tt.retryAfter, got, tt.min, tt.max)
			}
		})
	}
	zero := Backoff{Rand: func() float64 { return 0 }}
	if got := zero.Wait(3, "", now); got != 0 {
		t.Errorf("full jitter low end = %v, want 0", got)
	}
}
