;;; pbs-tools.el --- Proxmox Backup Server config files with pbs-language-server  -*- lexical-binding: t; -*-

;; For Emacs 28+ with eglot (built in since Emacs 29; Debian: elpa-eglot). Needs
;; `pbs-language-server' on PATH (npm install -g pbs-tools). Load it from your init file:
;;   (load "/path/to/pbs-tools.el")

;;; Code:

(require 'eglot)

(defvar pbs-config-font-lock-keywords
  '(("^\\([[:alpha:]][^:\n]*\\):[ \t]*\\(.*\\)$" (1 font-lock-type-face) (2 font-lock-function-name-face))
    ("^[ \t]+\\([^ \t\n]+\\)" 1 font-lock-variable-name-face)
    ("^acl:[01]:" . font-lock-keyword-face))
  "Section headers (`type: id'), property keys and acl.cfg rules.")

(define-derived-mode pbs-config-mode prog-mode "PBS"
  "Major mode for Proxmox Backup Server configuration files (/etc/proxmox-backup)."
  ;; PBS section-config files have no comment syntax: no comment-start on purpose.
  (setq-local font-lock-defaults '(pbs-config-font-lock-keywords))
  (setq-local indent-tabs-mode t))

(dolist (re '("/\\(datastore\\|s3\\|user\\|acl\\|remote\\|sync\\|verification\\|prune\\|tape\\|media-pool\\|tape-job\\|domains\\|traffic-control\\|node\\|metricserver\\|notifications\\|notifications-priv\\|encryption-keys\\)\\.cfg\\'"
              "/acme/plugins\\.cfg\\'"
              "/proxmox-backup/.*\\.cfg\\'"))
  (add-to-list 'auto-mode-alist (cons re 'pbs-config-mode)))

(add-to-list 'eglot-server-programs '(pbs-config-mode . ("pbs-language-server" "--stdio")))
(add-hook 'pbs-config-mode-hook #'eglot-ensure)

(provide 'pbs-tools)
;;; pbs-tools.el ends here
