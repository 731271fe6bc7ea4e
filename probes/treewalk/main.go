// Command treewalk times file I/O on a source tree from inside wherever the tree lives (a host directory, a bind
// mount, a named volume, an image layer), so that no process or container start is inside the figures.
//
//	treewalk -dir DIR [-files 200] [-bytes 4096] PHASE...
//	treewalk -copy FROM -dir DIR
//
// Each PHASE is "walk" (lstat every entry of the tree, open and read every regular file to its end) or "write"
// (create -files files of -bytes bytes each in a fresh directory under DIR, then delete them and the directory; no
// fsync, as editors' temporary files and build outputs are not synced either). Phases run in the order given and
// each prints one line "phase=NAME ns=N files=F bytes=B" to stdout. -copy copies the tree FROM into DIR (a fresh
// volume) and prints nothing. Standard library only; built with CGO_ENABLED=0, so it runs in an image that has
// nothing else. Exits 1 on any error, naming it on stderr.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

func main() {
	dir := flag.String("dir", "", "the tree")
	files := flag.Int("files", 200, "files per write phase")
	size := flag.Int("bytes", 4096, "bytes per written file")
	from := flag.String("copy", "", "copy this tree into -dir instead of timing anything")
	flag.Parse()
	if *dir == "" {
		fail(errors.New("usage: treewalk -dir DIR [-files N] [-bytes N] walk|write ...  or  treewalk -copy FROM -dir DIR"))
	}
	if *from != "" {
		if err := copyTree(*from, *dir); err != nil {
			fail(err)
		}
		return
	}
	if flag.NArg() == 0 {
		fail(errors.New("no phase given (walk, write)"))
	}
	buf := make([]byte, 1<<16)
	for i, phase := range flag.Args() {
		var n, b int64
		var err error
		start := time.Now()
		switch phase {
		case "walk":
			n, b, err = walk(*dir, buf)
		case "write":
			n, b, err = write(filepath.Join(*dir, fmt.Sprintf(".treewalk-%d-%d", os.Getpid(), i)), *files, *size)
		default:
			err = fmt.Errorf("unknown phase %q (walk, write)", phase)
		}
		elapsed := time.Since(start)
		if err != nil {
			fail(err)
		}
		fmt.Printf("phase=%s ns=%d files=%d bytes=%d\n", phase, elapsed.Nanoseconds(), n, b)
	}
}

// walk lstats every entry under root, and opens and reads every regular file; it returns the files and bytes read.
func walk(root string, buf []byte) (files, bytes int64, err error) {
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := os.Lstat(path)
		if err != nil {
			return err
		}
		if !info.Mode().IsRegular() {
			return nil
		}
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		for {
			n, err := f.Read(buf)
			bytes += int64(n)
			if err == io.EOF {
				break
			}
			if err != nil {
				return err
			}
		}
		files++
		return nil
	})
	if err == nil && files == 0 {
		err = fmt.Errorf("no regular file under %s", root)
	}
	return files, bytes, err
}

// write creates n files of size bytes in dir (made fresh), then deletes them and dir.
func write(dir string, n, size int) (files, bytes int64, err error) {
	if err := os.Mkdir(dir, 0o755); err != nil {
		return 0, 0, err
	}
	content := make([]byte, size)
	for i := range content {
		content[i] = byte('a' + i%26)
	}
	for i := 0; i < n; i++ {
		f, err := os.OpenFile(filepath.Join(dir, fmt.Sprintf("f%04d.txt", i)), os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
		if err != nil {
			return files, bytes, err
		}
		w, err := f.Write(content)
		bytes += int64(w)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return files, bytes, err
		}
		files++
	}
	for i := 0; i < n; i++ {
		if err := os.Remove(filepath.Join(dir, fmt.Sprintf("f%04d.txt", i))); err != nil {
			return files, bytes, err
		}
	}
	return files, bytes, os.Remove(dir)
}

// copyTree copies directories, regular files (with their permission bits) and symbolic links from src into dst.
func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		info, err := os.Lstat(path)
		if err != nil {
			return err
		}
		switch {
		case info.IsDir():
			return os.MkdirAll(target, info.Mode().Perm()|0o700)
		case info.Mode()&fs.ModeSymlink != 0:
			link, err := os.Readlink(path)
			if err != nil {
				return err
			}
			return os.Symlink(link, target)
		case info.Mode().IsRegular():
			return copyFile(path, target, info.Mode().Perm())
		}
		return nil
	})
}

func copyFile(from, to string, perm fs.FileMode) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, perm)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "treewalk:", err)
	os.Exit(1)
}
