@echo off
rem voicetel-sms for an installed VoiceTel Tray (Windows): runs the command line in the app's own
rem executable. This file is in the bin folder of the app's install folder; add that bin folder to PATH.
rem From a batch file cmd waits for the (GUI) executable and passes its exit code back.
rem The lone -- ends Chromium's switches, so no argument of the user's is ever taken as one.
"%~dp0..\VoiceTel Tray.exe" -- --cli %*
exit /b %ERRORLEVEL%
