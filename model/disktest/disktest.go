// Package disktest gives tests small disks of their own: a tmpfs to fill up
// or remount read-only, for the full-disk and read-only-media tests of
// model, the command line and the window.
package disktest

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// Mount mounts a tmpfs of size (such as "2m") at a new folder and returns
// it, or skips the test where that is impossible (not root, no mount). The
// test's end unmounts it.
func Mount(t testing.TB, size string) string {
	t.Helper()
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+size, "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs here (%v: %s)", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", "-l", dir).Run() })
	return dir
}

// Fill writes a file into dir until its disk is full, to the last byte
// (SQLite's -shm needs 32 KB, which a fill in blocks of 64 KB can leave).
func Fill(t testing.TB, dir string) {
	t.Helper()
	f, err := os.Create(filepath.Join(dir, "filler"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for size := 64 << 10; size > 0; size /= 2 {
		buf := make([]byte, size)
		for {
			if _, err := f.Write(buf); err != nil {
				break
			}
		}
	}
	f.Sync()
}
