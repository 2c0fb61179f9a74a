; Windows installer additions (electron-builder includes this file: nsis.include).
; The app's own executable runs the command line when started with a command (src/main/cli/entry.ts). The
; installer adds `civil-ledger` for the Command Prompt and the Task Scheduler: bin\civil-ledger.cmd waits for the
; executable (a GUI-subsystem program would otherwise return at once) and passes its exit code on; bin\ is added to
; the user's PATH and removed again on uninstall.
!macro customInstall
  CreateDirectory "$INSTDIR\bin"
  FileOpen $0 "$INSTDIR\bin\civil-ledger.cmd" w
  FileWrite $0 "@echo off$\r$\n"
  FileWrite $0 "chcp 65001 >nul$\r$\n"
  FileWrite $0 'start "" /wait /b "%~dp0..\civil-ledger.exe" %*$\r$\n'
  FileWrite $0 "exit /b %ERRORLEVEL%$\r$\n"
  FileClose $0
  nsExec::Exec `powershell -NoProfile -ExecutionPolicy Bypass -Command "$$d='$INSTDIR\bin'; $$p=[Environment]::GetEnvironmentVariable('Path','User'); if ($$p -eq $$null) { $$p='' }; if (-not (($$p -split ';') -contains $$d)) { [Environment]::SetEnvironmentVariable('Path', (($$p.TrimEnd(';') + ';' + $$d).TrimStart(';')), 'User') }"`
!macroend

!macro customUnInstall
  nsExec::Exec `powershell -NoProfile -ExecutionPolicy Bypass -Command "$$d='$INSTDIR\bin'; $$p=[Environment]::GetEnvironmentVariable('Path','User'); if ($$p -ne $$null) { [Environment]::SetEnvironmentVariable('Path', (($$p -split ';' | Where-Object { $$_ -and $$_ -ne $$d }) -join ';'), 'User') }"`
  Delete "$INSTDIR\bin\civil-ledger.cmd"
  RMDir "$INSTDIR\bin"
!macroend
