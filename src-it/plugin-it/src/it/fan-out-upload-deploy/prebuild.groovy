dev.crossdeploy.it.ItCloud.prepare(localCloudPort)
