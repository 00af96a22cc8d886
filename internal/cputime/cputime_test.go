package cputime

import "testing"

func TestProcessAdvances(t *testing.T) {
	start := Process()
	if start <= 0 {
		t.Fatalf("Process() = %v at the start of a test", start)
	}
	x := 0
	for Process()-start < 5e6 { // 5 ms of work
		for i := range 100_000 {
			x += i
		}
	}
	_ = x
}
