" pbs-tools lint as a Vim/Neovim compiler: `:compiler pbs-tools`, then `:make /etc/proxmox-backup`
" puts every problem of the tree into the quickfix list (the language server reports open files).
" Install: copy to ~/.vim/compiler/ or ~/.config/nvim/compiler/ (or add editors/vim to 'runtimepath').
if exists('current_compiler')
  finish
endif
let current_compiler = 'pbs-tools'
if exists(':CompilerSet') != 2
  command -nargs=* CompilerSet setlocal <args>
endif
CompilerSet makeprg=pbs-tools\ lint
CompilerSet errorformat=%f:%l:%c:\ %trror\ %m,%f:%l:%c:\ %tarning\ %m,%f:%l:%c:\ %tnformation\ %m,%f:%l:%c:\ hint\ %m,%-G%.%#
