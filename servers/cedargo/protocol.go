package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// maxLine is the protocol's longest line (64 MiB).
const maxLine = 64 << 20

// The subset of the protocol's messages this server reads and writes
// (see docs/protocol.md and the main module's package protocol).
type request struct {
	ID       int64   `json:"id"`
	Op       string  `json:"op"`
	Protocol int     `json:"protocol,omitempty"`
	Test     *test   `json:"test,omitempty"`
	Text     *string `json:"text,omitempty"`
}

type test struct {
	Policies      []policy          `json:"policies"`
	TemplateLinks []json.RawMessage `json:"templateLinks,omitempty"`
	Entities      json.RawMessage   `json:"entities,omitempty"`
	Schema        *schemaText       `json:"schema,omitempty"`
	Requests      []authRequest     `json:"requests,omitempty"`
}

type policy struct {
	ID       string          `json:"id"`
	Template bool            `json:"template,omitempty"`
	Text     string          `json:"text,omitempty"`
	JSON     json.RawMessage `json:"json,omitempty"`
}

type schemaText struct {
	Text string          `json:"text,omitempty"`
	JSON json.RawMessage `json:"json,omitempty"`
}

type entityUID struct {
	Type string `json:"type"`
	ID   string `json:"id"`
}

type authRequest struct {
	Principal *entityUID      `json:"principal"`
	Action    *entityUID      `json:"action"`
	Resource  *entityUID      `json:"resource"`
	Context   json.RawMessage `json:"context,omitempty"`
}

type response struct {
	ID          *int64          `json:"id"`
	Result      json.RawMessage `json:"result,omitempty"`
	Unsupported *unsupported    `json:"unsupported,omitempty"`
	Error       *errorMessage   `json:"error,omitempty"`
}

type unsupported struct {
	Feature string `json:"feature"`
	Message string `json:"message,omitempty"`
}

func (u *unsupported) Error() string { return "unsupported: " + u.Feature }

type errorMessage struct {
	Message string `json:"message"`
}

type hello struct {
	Protocol     int      `json:"protocol"`
	Name         string   `json:"name"`
	Version      string   `json:"version"`
	Cedar        string   `json:"cedar"`
	Capabilities []string `json:"capabilities"`
}

type answer struct {
	Decision string        `json:"decision,omitempty"`
	Reasons  []string      `json:"reasons"`
	Errors   []policyError `json:"errors"`
	Error    string        `json:"error,omitempty"`
}

type policyError struct {
	Policy  string `json:"policy"`
	Kind    string `json:"kind,omitempty"`
	Message string `json:"message,omitempty"`
}

// handler answers one request other than hello: a result, or an
// *unsupported, or another error (the error answer).
type handler func(req *request) (any, error)

// serve is the request loop: one answer line per request line, flushed
// at once, until r ends.
func serve(r io.Reader, w io.Writer, h hello, handle handler) error {
	br := bufio.NewReaderSize(r, 1<<16)
	bw := bufio.NewWriter(w)
	for {
		line, err := readLine(br)
		if err == io.EOF {
			return nil
		}
		var resp response
		if err != nil {
			resp.Error = &errorMessage{Message: err.Error()}
		} else if len(bytes.TrimSpace(line)) == 0 {
			continue
		} else {
			resp = answerLine(line, h, handle)
		}
		out, err := json.Marshal(&resp)
		if err != nil {
			out, _ = json.Marshal(&response{ID: resp.ID, Error: &errorMessage{Message: "marshalling the answer: " + err.Error()}})
		}
		bw.Write(out)
		bw.WriteByte('\n')
		if err := bw.Flush(); err != nil {
			return err
		}
	}
}

func answerLine(line []byte, h hello, handle handler) (resp response) {
	var req request
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.UseNumber()
	if err := dec.Decode(&req); err != nil {
		var idOnly struct{ ID *int64 }
		if json.Unmarshal(line, &idOnly) == nil {
			resp.ID = idOnly.ID
		}
		resp.Error = &errorMessage{Message: "cannot read the request: " + err.Error()}
		return resp
	}
	resp.ID = &req.ID
	if req.Op == "hello" {
		resp.Result, _ = json.Marshal(h)
		return resp
	}
	known := false
	for _, c := range h.Capabilities {
		known = known || c == req.Op
	}
	if !known {
		resp.Unsupported = &unsupported{Feature: req.Op, Message: fmt.Sprintf("operation %q is not supported by cedar-go %s", req.Op, h.Version)}
		return resp
	}
	result, err := handle(&req)
	var u *unsupported
	switch {
	case errors.As(err, &u):
		resp.Unsupported = u
	case err != nil:
		resp.Error = &errorMessage{Message: err.Error()}
	default:
		b, err := json.Marshal(result)
		if err != nil {
			resp.Error = &errorMessage{Message: "marshalling the result: " + err.Error()}
		} else {
			resp.Result = b
		}
	}
	return resp
}

// readLine reads one line without its newline; a line longer than
// maxLine is an error (the rest of it is skipped).
func readLine(r *bufio.Reader) ([]byte, error) {
	var buf []byte
	tooLong := false
	for {
		chunk, err := r.ReadSlice('\n')
		if !tooLong {
			if len(buf)+len(chunk) > maxLine {
				tooLong, buf = true, nil
			} else {
				buf = append(buf, chunk...)
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err == io.EOF && (len(buf) > 0 || tooLong) {
			break
		}
		if err != nil {
			return nil, err
		}
		break
	}
	if tooLong {
		return nil, fmt.Errorf("a request line is longer than %d bytes", maxLine)
	}
	return bytes.TrimRight(buf, "\r\n"), nil
}
