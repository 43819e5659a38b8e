// Starts an in-memory dynalite for the Java tests on a port the OS picks, prints
// "DYNALITE_PORT=<port>" once it accepts connections, and exits when its parent closes stdin,
// so a test JVM that dies never leaves a server behind.
'use strict'

const dynalite = require('dynalite')

const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 })

server.listen(0, '127.0.0.1', () => {
  console.log('DYNALITE_PORT=' + server.address().port)
})

server.on('error', (err) => {
  console.error('dynalite failed: ' + err.message)
  process.exit(1)
})

process.stdin.on('end', () => process.exit(0))
process.stdin.on('close', () => process.exit(0))
process.stdin.resume()
