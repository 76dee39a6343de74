;;; emacs-driver.el --- drives eglot against pbs-language-server for test/editors/emacs.test.ts  -*- lexical-binding: t; -*-
;; Opens a broken datastore.cfg and waits for its flymake diagnostics, then a clean one for a
;; hover and a rename. Writes what it saw as JSON to $PBS_TEST_OUT. Every wait has a timeout.

(require 'json)
(require 'flymake)

(defvar pbs-test-result (list (cons 'steps nil)))

(defun pbs-test-put (key value) (push (cons key value) pbs-test-result))

(defun pbs-test-wait (pred seconds)
  "Spin the event loop until PRED is true or SECONDS pass."
  (let ((deadline (+ (float-time) seconds)))
    (while (and (not (funcall pred)) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    (funcall pred)))

(defun pbs-test-server ()
  ;; `eglot-ensure' (the snippet's hook) connects from post-command-hook, which batch mode never
  ;; runs: run what it would have run.
  (unless (eglot-current-server) (apply #'eglot (eglot--guess-contact)))
  (pbs-test-wait (lambda () (eglot-current-server)) 30)
  (eglot-current-server))

(condition-case err
    (progn
      (setq eglot-sync-connect 30)
      (find-file (getenv "PBS_BROKEN_FILE"))
      (pbs-test-put 'mode (symbol-name major-mode))
      (pbs-test-server)
      (pbs-test-wait (lambda () (flymake-diagnostics)) 30)
      (pbs-test-put 'diagnostics
                    (vconcat (mapcar (lambda (d)
                                       (list (cons 'line (line-number-at-pos (flymake-diagnostic-beg d)))
                                             (cons 'type (symbol-name (flymake-diagnostic-type d)))
                                             (cons 'text (flymake-diagnostic-text d))))
                                     (flymake-diagnostics))))
      (find-file (getenv "PBS_CLEAN_FILE"))
      (let ((server (pbs-test-server)))
        ;; line 3 is `\tgc-schedule daily': hover on `daily'
        (goto-char (point-min)) (forward-line 2) (forward-char 14)
        (let ((hover (jsonrpc-request server :textDocument/hover (eglot--TextDocumentPositionParams))))
          (pbs-test-put 'hover (plist-get (plist-get hover :contents) :value)))
        ;; rename the datastore of line 1 (`datastore: vmstore')
        (goto-char (point-min)) (forward-char 13)
        (let* ((edit (jsonrpc-request server :textDocument/rename
                                      (append (eglot--TextDocumentPositionParams) '(:newName "vmstore-new"))))
               (changes (plist-get edit :changes))
               (files nil))
          (while changes
            (push (file-name-nondirectory (substring (symbol-name (car changes)) 1)) files)
            (setq changes (cddr changes)))
          (pbs-test-put 'renamed (vconcat files)))))
  (error (pbs-test-put 'error (error-message-string err))))

(with-temp-file (getenv "PBS_TEST_OUT")
  (insert (json-encode pbs-test-result)))
(kill-emacs 0)
