-- Every kind of runtime error the VM raises, at every frame size from 1 to 250 registers, in
-- the main thread and in a coroutine. Building the message pushes strings, which can grow
-- (and so move) the stack when the frame fills it; a message builder that kept a pointer to
-- the culprit across that read freed memory (issue 24: "attempt to index a nil value (global
-- 'Vec')" with 32 locals). Each case prints its message once, and "moved" lines if a frame
-- size gave another message. Run also under ASan with TYCHO_HARD_STACK (scripts/test.sh).

