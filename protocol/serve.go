package protocol

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// Handler answers one request of a server written in Go: a result (any
// value that marshals to the operation's result), or an *UnsupportedError
// or another error, which become the unsupported and error answers.
type Handler func(req *Request) (result any, err error)

// UnsupportedError is a Handler's way to answer unsupported.
type UnsupportedError struct{ Unsupported }

func (e *UnsupportedError) Error() string { return "unsupported: " + e.Feature }

// Serve is a server's request loop: it reads requests from r until it
// ends and writes each answer to w. It answers hello with hello (the
// Protocol field is set to Version), an operation hello does not list as
// unsupported, and a line that is not a request with an error whose id
// is null. It returns nil at the end of r.
func Serve(r io.Reader, w io.Writer, hello Hello, handle Handler) error {
	hello.Protocol = Version
	br := bufio.NewReaderSize(r, 1<<16)
	bw := bufio.NewWriter(w)
	for {
		raw, err := readLine(br)
		if err == io.EOF {
			return nil
		}
		var resp Response
		if err != nil {
			resp.Error = &Error{Message: err.Error()}
		} else {
			resp = answer(raw, &hello, handle)
		}
		out, err := Marshal(&resp)
		if err != nil {
			out, _ = Marshal(&Response{ID: resp.ID, Error: &Error{Message: "marshalling the answer: " + err.Error()}})
		}
		bw.Write(out)
		bw.WriteByte('\n')
		if err := bw.Flush(); err != nil {
			return err
		}
	}
}

func answer(raw []byte, hello *Hello, handle Handler) (resp Response) {
	var req Request
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&req); err != nil {
		// The id, when there is one, is still worth answering with.
		var idOnly struct{ ID *int64 }
		if json.Unmarshal(raw, &idOnly) == nil {
			resp.ID = idOnly.ID
		}
		resp.Error = &Error{Message: "cannot read the request: " + err.Error()}
		return resp
	}
	resp.ID = &req.ID
	if req.Op == OpHello {
		resp.Result, _ = json.Marshal(hello)
		return resp
	}
	if !hello.Has(req.Op) {
		resp.Unsupported = &Unsupported{Feature: string(req.Op), Message: fmt.Sprintf("operation %q is not supported", req.Op)}
		return resp
	}
	result, err := handle(&req)
	var ue *UnsupportedError
	switch {
	case errors.As(err, &ue):
		resp.Unsupported = &ue.Unsupported
	case err != nil:
		resp.Error = &Error{Message: err.Error()}
	default:
		b, err := Marshal(result)
		if err != nil {
			resp.Error = &Error{Message: "marshalling the result: " + err.Error()}
		} else {
			resp.Result = b
		}
	}
	return resp
}

// readLine reads one line without its newline; a line longer than
// MaxLine is an error (the rest of it is skipped).
func readLine(r *bufio.Reader) ([]byte, error) {
	var buf []byte
	tooLong := false
	for {
		chunk, err := r.ReadSlice('\n')
		if !tooLong {
			if len(buf)+len(chunk) > MaxLine {
				tooLong, buf = true, nil
			} else {
				buf = append(buf, chunk...)
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil && (len(buf) == 0 || err != io.EOF) {
			if err == io.EOF && tooLong {
				break
			}
			return nil, err
		}
		break
	}
	if tooLong {
		return nil, fmt.Errorf("a request line is longer than %d bytes", MaxLine)
	}
	return bytes.TrimRight(buf, "\r\n"), nil
}
