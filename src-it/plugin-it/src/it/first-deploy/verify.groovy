println "verify later"
