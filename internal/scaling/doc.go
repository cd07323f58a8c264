// Package scaling measures how the cost of reading an input grows with its
// size, for tests that pin a reader as linear: Growth times a reader on an
// input and on one 8 times larger, in CPU time of the process (not the
// wall clock) and best of a few runs, so that a busy machine does not make
// a linear reader look quadratic.
package scaling
