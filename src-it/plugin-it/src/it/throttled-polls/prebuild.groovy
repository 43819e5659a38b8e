dev.crossdeploy.it.ItCloud.prepare(localCloudPort)
dev.crossdeploy.it.ItCloud.fault(localCloudPort, '{"service":"cloudformation","action":"DescribeStackEvents","kind":"THROTTLE","count":3}')
