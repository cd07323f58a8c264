package corpus

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/cedar-crosscheck/crosscheck/internal/input"
)

// A source is a tree of files that tests and the files they name are read
// from: the file system, or the members of an archive. Names are the
// source's own: file system paths, or slash-separated member names.
type source interface {
	readFile(name string) ([]byte, error)
	exists(name string) bool
	// resolve finds the file that a test's reference names, searching
	// from the folder of the test file upwards (see resolveRef).
	resolve(testName, ref string) (string, bool)
	// display names a file in messages.
	display(name string) string
}

// diskSource reads the file system.
type diskSource struct{}

// readFile reads through package input, which bounds the size and
// refuses directories and devices.
func (diskSource) readFile(name string) ([]byte, error) { return input.ReadFile(name) }

// exists reports whether anything is at name: a reference that names a
// directory or a device is found, and then refused by readFile with a
// message saying what it names, rather than reported as not found.
func (diskSource) exists(name string) bool {
	_, err := os.Stat(name)
	return err == nil
}

func (diskSource) display(name string) string { return name }

// resolve implements resolveRef on disk. Absolute references are used as
// they are, as upstream does.
func (d diskSource) resolve(testName, ref string) (string, bool) {
	if filepath.IsAbs(ref) {
		return ref, d.exists(ref)
	}
	dir, err := filepath.Abs(filepath.Dir(testName))
	if err != nil {
		return "", false
	}
	ref = filepath.FromSlash(ref)
	for {
		if p := filepath.Join(dir, ref); d.exists(p) {
			return relativeIfShorter(p), true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}

// relativeIfShorter makes p relative to the working directory when that
// names it without climbing out, so messages show short paths.
func relativeIfShorter(p string) string {
	wd, err := os.Getwd()
	if err != nil {
		return p
	}
	rel, err := filepath.Rel(wd, p)
	if err != nil || strings.HasPrefix(rel, "..") {
		return p
	}
	return rel
}

// archiveSource holds the regular files of a .tar.gz archive in memory.
type archiveSource struct {
	path  string            // the archive's path on disk
	files map[string][]byte // cleaned member name -> content
}

// openArchive reads every regular file of a gzip-compressed tar archive,
// within the limits of input.ReadArchive.
func openArchive(p string) (*archiveSource, error) {
	a := &archiveSource{path: p, files: make(map[string][]byte)}
	err := input.ReadArchive(p, func(name string, data []byte) error {
		a.files[name] = data
		return nil
	})
	if err != nil {
		return nil, err
	}
	return a, nil
}

func (a *archiveSource) readFile(name string) ([]byte, error) {
	data, ok := a.files[name]
	if !ok {
		return nil, &fs.PathError{Op: "open", Path: a.display(name), Err: fs.ErrNotExist}
	}
	return data, nil
}

func (a *archiveSource) exists(name string) bool {
	_, ok := a.files[name]
	return ok
}

func (a *archiveSource) display(name string) string { return a.path + ":" + name }

func (a *archiveSource) resolve(testName, ref string) (string, bool) {
	ref = path.Clean(strings.TrimPrefix(filepath.ToSlash(ref), "./"))
	dir := path.Dir(testName)
	for {
		if p := path.Join(dir, ref); a.exists(p) {
			return p, true
		}
		if dir == "." || dir == "/" {
			return "", false
		}
		dir = path.Dir(dir)
	}
}

// names lists the members in lexical order.
func (a *archiveSource) names() []string {
	names := make([]string, 0, len(a.files))
	for n := range a.files {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// isArchive reports whether p names a gzip-compressed tar archive.
func isArchive(p string) bool {
	return strings.HasSuffix(p, ".tar.gz") || strings.HasSuffix(p, ".tgz")
}
