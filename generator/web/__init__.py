"""The web application (``report-draft serve``): an adapter over the library like the CLI.

A collecting office (司法局/法治办) opens a year's collection and gives each department an account;
a department downloads its workbook, uploads it, sees its problems by cell, gets its draft and keeps
every upload and draft.  Django gives the sessions, CSRF protection, password hashing, forms and
migrations; waitress serves it on Windows and Linux alike.  Files live in the data folder under
names made from ids, never from what a browser sent.
"""
